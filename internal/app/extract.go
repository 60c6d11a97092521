package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/extract"
)

// extractCmd runs "accord extract [--published DATE] [--json] FILE" and
// "accord extract eval DIR".
func (m *Main) extractCmd(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "eval" {
		return m.extractEval(args[1:])
	}
	fs := flag.NewFlagSet("accord extract", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	published := fs.String("published", "", "publication date YYYY-MM-DD, to resolve \"on Monday\", \"last week\"")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: accord extract needs one FILE (or eval DIR)", errUsage)
	}
	var opts extract.Options
	if *published != "" {
		t, err := time.Parse(time.DateOnly, *published)
		if err != nil {
			return fmt.Errorf("%w: --published must be YYYY-MM-DD, got %q", errUsage, *published)
		}
		opts.Published = t
	}
	name := fs.Arg(0)
	text, err := readLimited(name)
	if err != nil {
		return err
	}
	res, err := extract.Extract(ctx, text, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	writeResult(m.Stdout, res)
	return nil
}

// readLimited reads a file, refusing more than extract.MaxInput bytes
// without reading them all.
func readLimited(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, extract.MaxInput+1))
	if err != nil {
		return "", err
	}
	if len(b) > extract.MaxInput {
		return "", fmt.Errorf("%s: %w", name, extract.ErrTooLarge)
	}
	return string(b), nil
}

func (m *Main) extractEval(args []string) error {
	fs := flag.NewFlagSet("accord extract eval", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	verbose := fs.Bool("v", false, "list every difference from the gold")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: accord extract eval needs one DIR", errUsage)
	}
	rep, err := extract.Evaluate(extract.New(nil), fs.Arg(0))
	if err != nil {
		return err
	}
	rep.Write(m.Stdout, *verbose)
	return nil
}

func orNone(s *string) string {
	if s == nil || *s == "" {
		return "(not stated)"
	}
	return *s
}

// writeResult prints a result for people.
func writeResult(w io.Writer, r *extract.Result) {
	if !r.IsEngagement {
		fmt.Fprintln(w, "Engagement: no")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
		return
	}
	fmt.Fprintln(w, "Engagement: yes")
	fmt.Fprintf(w, "Date:       %s\n", orNone(r.Date))
	if r.DateEstimate != nil {
		kind := "about"
		if r.DateEstimate.Exact {
			kind = "probably"
		}
		fmt.Fprintf(w, "            %s %s (from %q)\n", kind, r.DateEstimate.Date, r.DateEstimate.Expression)
	}
	place := orNone(r.Location.City)
	if r.Location.Country != nil {
		place += ", " + *r.Location.Country
	}
	fmt.Fprintf(w, "Place:      %s\n", place)
	if r.Dateline != "" {
		fmt.Fprintf(w, "Dateline:   %s\n", r.Dateline)
	}
	fmt.Fprintln(w, "Organizations:")
	for _, o := range r.Orgs {
		fmt.Fprintf(w, "  - %s\n", o)
	}
	fmt.Fprintln(w, "People:")
	for _, p := range r.People {
		line := p.Name
		if p.Title != "" {
			line += ", " + p.Title
		}
		if p.Organization != "" {
			line += " (" + p.Organization + ")"
		}
		fmt.Fprintf(w, "  - %s\n", line)
	}
	fmt.Fprintln(w, "Commitments:")
	for _, c := range r.Commitments {
		sum := ""
		if c.Amount != nil {
			sum = fmt.Sprintf(" %s", formatAmount(*c.Amount))
			if c.Currency != nil {
				sum += " " + *c.Currency
			} else if c.Unit != "" {
				sum += " " + c.Unit
			}
		}
		fmt.Fprintf(w, "  - [%s%s] %s\n", c.Kind, sum, c.Text)
		if len(c.Parties) > 0 {
			fmt.Fprintf(w, "    parties: %s\n", strings.Join(c.Parties, "; "))
		}
	}
	if len(r.Countries) > 0 {
		fmt.Fprintf(w, "Beneficiary countries: %s\n", strings.Join(r.Countries, ", "))
	}
	if len(r.Topics) > 0 {
		fmt.Fprintf(w, "Topics: %s\n", strings.Join(r.Topics, "; "))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
}

func formatAmount(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
