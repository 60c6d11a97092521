package extract

import (
	"fmt"
	"io"
	"math"
	"sort"
)

func add(dst *Score, s Score) {
	dst.TP += s.TP
	dst.FP += s.FP
	dst.FN += s.FN
}

// matchSets scores two lists as sets.
func matchSets(gold, pred []string) (s Score, fp, fn []string) {
	g := map[string]bool{}
	for _, x := range gold {
		g[x] = true
	}
	p := map[string]bool{}
	for _, x := range pred {
		p[x] = true
	}
	for x := range p {
		if g[x] {
			s.TP++
		} else {
			s.FP++
			fp = append(fp, x)
		}
	}
	for x := range g {
		if !p[x] {
			s.FN++
			fn = append(fn, x)
		}
	}
	sort.Strings(fp)
	sort.Strings(fn)
	return s, fp, fn
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func fmtAmount(f *float64) string {
	if f == nil {
		return "null"
	}
	if *f == math.Trunc(*f) {
		return fmt.Sprintf("%.0f", *f)
	}
	return fmt.Sprint(*f)
}

// Write prints the table, the refused items and the matching rules.
func (rep *Report) Write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%d items\n\n", rep.Items)
	fmt.Fprintf(w, "%-22s %9s %9s %9s %6s %6s %6s\n", "field", "precision", "recall", "F1", "TP", "FP", "FN")
	row := func(name string, s Score) {
		fmt.Fprintf(w, "%-22s %9.3f %9.3f %9.3f %6d %6d %6d\n", name, s.Precision(), s.Recall(), s.F1(), s.TP, s.FP, s.FN)
	}
	row("organizations", rep.Orgs)
	row("people (name)", rep.Names)
	row("people (title)", rep.Titles)
	row("commitments", rep.Commitments)
	row("countries mentioned", rep.Country)
	fmt.Fprintf(w, "\n%-22s %9s %13s\n", "field", "accuracy", "right/items")
	acc := func(name string, a Accuracy) {
		fmt.Fprintf(w, "%-22s %9.3f %13s\n", name, a.Value(), fmt.Sprintf("%d/%d", a.Right, a.Total))
	}
	acc("location city", rep.City)
	acc("location country", rep.LocCountry)
	acc("date", rep.Date)
	acc("is_engagement", rep.Engagement)
	if len(rep.Refused) > 0 {
		fmt.Fprintf(w, "\nRefused (scored as empty):\n")
		for _, r := range rep.Refused {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	if verbose && len(rep.Misses) > 0 {
		fmt.Fprintf(w, "\nDifferences:\n")
		for _, m := range rep.Misses {
			fmt.Fprintf(w, "  %s\n", m)
		}
	}
	fmt.Fprintf(w, "\n%s\n", MatchingRules)
}
