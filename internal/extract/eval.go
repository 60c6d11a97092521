package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// MatchingRules says how Evaluate compares predictions with gold.
const MatchingRules = `Matching rules:
  names are folded: case, diacritics, punctuation and hyphens ignored; Centre/Center,
  Programme/Program, Organisation/Organization, Co-operation/Cooperation are equal.
  organizations: equal when they resolve to the same gazetteer entry (canonical name,
    acronym or any alias; a regional office counts as its organization); "Government of X"
    is compared by the ISO code of X, whatever spelling of the country; otherwise folded names.
  people: folded names without honorifics (Dr., H.E., Mr., Sheikh, Dato', ...), one to one.
  titles: for each matched person, equal after folding or one contained in the other;
    precision over predicted people, recall over gold people.
  commitments: same kind and same amount (within 0.5%) and currency (both null for
    commitments without a sum; goods quantities carry no currency), one to one;
    text and parties are not compared.
  countries: ISO codes of beneficiary countries, precision and recall.
  location city / country, date: accuracy over the items whose gold has one (folded city name;
    ISO code; exact YYYY-MM-DD).
  is_engagement: accuracy over all items; on items whose gold is not an engagement every
    predicted organization, person or commitment counts as a false positive.
  An item the extractor refuses (language, binary...) is scored as an empty prediction.
  Publication dates come from INDEX.tsv in the directory when it is there.`

// Gold is one hand-made annotation, in the format of the dev set.
type Gold struct {
	IsEngagement bool    `json:"is_engagement"`
	Date         *string `json:"date"`
	Location     struct {
		City    *string `json:"city"`
		Country *string `json:"country_iso2"`
	} `json:"location"`
	Organizations []string `json:"organizations"`
	People        []struct {
		Name         string `json:"name"`
		Title        string `json:"title"`
		Organization string `json:"organization"`
	} `json:"people"`
	Commitments []struct {
		Text     string   `json:"text"`
		Kind     string   `json:"kind"`
		Amount   *float64 `json:"amount"`
		Currency *string  `json:"currency"`
	} `json:"commitments"`
	Countries []string `json:"countries_mentioned"`
}

// Score counts matches for one field.
type Score struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), or 1 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall returns TP/(TP+FN), or 1 when there was nothing to find.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Accuracy counts right answers over items.
type Accuracy struct {
	Right, Total int
}

// Value returns Right/Total, or 1 when there were no items.
func (a Accuracy) Value() float64 { return ratio(a.Right, a.Total) }

// Report is the outcome of Evaluate.
type Report struct {
	Items                                     int
	Orgs, Names, Titles, Commitments, Country Score
	City, LocCountry, Date, Engagement        Accuracy
	Refused                                   []string // items the extractor refused, with the reason
	Misses                                    []string // one line per wrong item field, for reading
}

// Evaluate extracts every NNN.txt in dir and scores it against
// NNN.gold.json.
func Evaluate(x *Extractor, dir string) (*Report, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	published := readIndex(filepath.Join(dir, "INDEX.tsv"))
	rep := &Report{}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".txt")
		goldPath := filepath.Join(dir, base+".gold.json")
		gb, err := os.ReadFile(goldPath)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var g Gold
		if err := json.Unmarshal(gb, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", goldPath, err)
		}
		tb, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		res, err := x.Extract(context.Background(), string(tb), Options{Published: published[base+".txt"]})
		if err != nil {
			rep.Refused = append(rep.Refused, fmt.Sprintf("%s: %v", base, err))
			res = Empty()
		}
		rep.Items++
		x.score(rep, base, &g, res)
	}
	if rep.Items == 0 {
		return nil, fmt.Errorf("no NNN.txt with NNN.gold.json in %s", dir)
	}
	return rep, nil
}

// readIndex reads "file<TAB>publisher<TAB>publication_date" lines.
func readIndex(path string) map[string]time.Time {
	out := map[string]time.Time{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 {
			continue
		}
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(cols[2])); err == nil {
			out[cols[0]] = t
		}
	}
	return out
}

// orgKey resolves an organization name to what it is, for comparison.
func (x *Extractor) orgKey(name string) string {
	if rest, ok := strings.CutPrefix(name, "Government of "); ok {
		toks := tokenize(rest)
		for i := range toks {
			if m, ok := x.ix.match(toks, i, nil); ok && (m.ref.kind == refCountry || m.ref.kind == refCity) {
				return "gov:" + m.ref.iso
			}
		}
	}
	if i, ok := x.ix.orgByID[foldName(name)]; ok {
		o := x.ix.orgs[i]
		if o.Kind == "office" && o.Parent != "" {
			return "org:" + foldName(o.Parent)
		}
		return "org:" + foldName(o.Name)
	}
	return foldName(name)
}

func (x *Extractor) score(rep *Report, id string, g *Gold, r *Result) {
	miss := func(format string, args ...any) {
		rep.Misses = append(rep.Misses, id+": "+fmt.Sprintf(format, args...))
	}
	rep.Engagement.Total++
	if g.IsEngagement == r.IsEngagement {
		rep.Engagement.Right++
	} else {
		miss("is_engagement: want %v, got %v", g.IsEngagement, r.IsEngagement)
	}

	// Organizations.
	var gOrgs, pOrgs []string
	for _, o := range g.Organizations {
		gOrgs = append(gOrgs, x.orgKey(o))
	}
	for _, o := range r.Orgs {
		pOrgs = append(pOrgs, x.orgKey(o))
	}
	s, fp, fn := matchSets(gOrgs, pOrgs)
	add(&rep.Orgs, s)
	if len(fp)+len(fn) > 0 {
		miss("organizations: missing %v, extra %v", fn, fp)
	}

	// People and titles.
	used := make([]bool, len(r.People))
	var ns, ts Score
	var missing []string
	for _, gp := range g.People {
		gn := foldPersonName(gp.Name)
		found := -1
		for i, p := range r.People {
			if !used[i] && foldPersonName(p.Name) == gn {
				found = i
				break
			}
		}
		if found < 0 {
			ns.FN++
			ts.FN++
			missing = append(missing, gp.Name)
			continue
		}
		used[found] = true
		ns.TP++
		gt, pt := foldName(gp.Title), foldName(r.People[found].Title)
		if gt != "" && pt != "" && (strings.Contains(gt, pt) || strings.Contains(pt, gt)) {
			ts.TP++
		} else {
			ts.FN++
			ts.FP++
			miss("title of %s: want %q, got %q", gp.Name, gp.Title, r.People[found].Title)
		}
	}
	var extra []string
	for i, u := range used {
		if !u {
			ns.FP++
			ts.FP++
			extra = append(extra, r.People[i].Name)
		}
	}
	if len(missing)+len(extra) > 0 {
		miss("people: missing %v, extra %v", missing, extra)
	}
	add(&rep.Names, ns)
	add(&rep.Titles, ts)

	// Commitments.
	cused := make([]bool, len(r.Commitments))
	var cs Score
	for _, gc := range g.Commitments {
		found := false
		for i, c := range r.Commitments {
			if !cused[i] && c.Kind == gc.Kind && sameAmount(c.Amount, gc.Amount) && sameCurrency(c.Currency, gc.Currency) {
				cused[i], found = true, true
				break
			}
		}
		if found {
			cs.TP++
		} else {
			cs.FN++
			miss("commitment missing: %s %s %s", gc.Kind, fmtAmount(gc.Amount), deref(gc.Currency))
		}
	}
	for i, u := range cused {
		if !u {
			cs.FP++
			c := r.Commitments[i]
			miss("commitment extra: %s %s %s (%.60q)", c.Kind, fmtAmount(c.Amount), deref(c.Currency), c.Text)
		}
	}
	add(&rep.Commitments, cs)

	// Countries.
	s, fp, fn = matchSets(g.Countries, r.Countries)
	add(&rep.Country, s)
	if len(fp)+len(fn) > 0 {
		miss("countries: missing %v, extra %v", fn, fp)
	}

	// Location and date.
	if g.Location.City != nil {
		rep.City.Total++
		if r.Location.City != nil && foldName(*r.Location.City) == foldName(*g.Location.City) {
			rep.City.Right++
		} else {
			miss("city: want %s, got %s", *g.Location.City, deref(r.Location.City))
		}
	}
	if g.Location.Country != nil {
		rep.LocCountry.Total++
		if r.Location.Country != nil && *r.Location.Country == *g.Location.Country {
			rep.LocCountry.Right++
		} else {
			miss("location country: want %s, got %s", *g.Location.Country, deref(r.Location.Country))
		}
	}
	if g.Date != nil {
		rep.Date.Total++
		if r.Date != nil && *r.Date == *g.Date {
			rep.Date.Right++
		} else {
			miss("date: want %s, got %s", *g.Date, deref(r.Date))
		}
	}
}
