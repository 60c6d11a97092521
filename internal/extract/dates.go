package extract

import (
	"strconv"
	"time"
)

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dateExpr is a date written in the text; year is 0 when not written.
type dateExpr struct {
	start, end int
	year       int
	month      time.Month
	day        int
}

func (d *doc) num(i int) (int, bool) {
	if i >= len(d.toks) || d.toks[i].kind != tNum {
		return 0, false
	}
	n, err := strconv.Atoi(d.toks[i].text)
	return n, err == nil
}

// monthAt reads a month name (with an optional period after an
// abbreviation) at i.
func (d *doc) monthAt(i int) (time.Month, int, bool) {
	if i >= len(d.toks) || d.toks[i].kind != tWord {
		return 0, i, false
	}
	m, ok := months[d.toks[i].norm]
	if !ok {
		return 0, i, false
	}
	// "may" and "mar" in lower case are words, not months.
	if !d.toks[i].upper {
		return 0, i, false
	}
	j := i + 1
	if j < len(d.toks) && d.toks[j].norm == "." && !d.toks[j].space {
		j++
	}
	return m, j, true
}

// dayAt reads "22", "22nd", "7th" at i.
func (d *doc) dayAt(i int) (int, int, bool) {
	n, ok := d.num(i)
	if !ok || n < 1 || n > 31 {
		return 0, i, false
	}
	j := i + 1
	if j < len(d.toks) && !d.toks[j].space {
		switch d.toks[j].norm {
		case "st", "nd", "rd", "th":
			j++
		}
	}
	return n, j, true
}

// yearAt reads ", 2022" or " 2022" at i.
func (d *doc) yearAt(i int) (int, int) {
	j := i
	if j < len(d.toks) && d.toks[j].norm == "," {
		j++
	}
	if n, ok := d.num(j); ok && n >= 1900 && n <= 2100 && len(d.toks[j].text) == 4 {
		return n, j + 1
	}
	return 0, i
}

// dateAt reads "22 July 2022", "July 22, 2022", "7th March, 2022",
// "Friday, July 22, 2022", "February 9", "Sept 29".
func (d *doc) dateAt(i int) (dateExpr, bool) {
	start := i
	if i < len(d.toks) && d.toks[i].kind == tWord {
		if _, ok := weekdays[d.toks[i].norm]; ok && d.toks[i].upper {
			i++
			if i < len(d.toks) && d.toks[i].norm == "," {
				i++
			}
		}
	}
	if day, j, ok := d.dayAt(i); ok {
		if j < len(d.toks) && d.toks[j].norm == "of" {
			j++
		}
		if m, k, ok := d.monthAt(j); ok {
			y, e := d.yearAt(k)
			return dateExpr{start: start, end: e, year: y, month: m, day: day}, true
		}
	}
	if m, j, ok := d.monthAt(i); ok {
		if day, k, ok := d.dayAt(j); ok {
			y, e := d.yearAt(k)
			return dateExpr{start: start, end: e, year: y, month: m, day: day}, true
		}
	}
	return dateExpr{}, false
}

func (e dateExpr) valid() bool {
	if e.year == 0 {
		return false
	}
	t := time.Date(e.year, e.month, e.day, 0, 0, 0, 0, time.UTC)
	return t.Day() == e.day
}

func (e dateExpr) String() string {
	return time.Date(e.year, e.month, e.day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// dateCues mark sentences that date the engagement.
var dateCues = union(personCues, setOf("took", "ceremony", "concluded", "inaugurated", "inauguration", "ink",
	"inked", "pledge", "donation", "handover", "agreement", "memorandum", "mou"))

// findDate returns the engagement's date when the text states it: a full
// date in a sentence reporting the engagement; a day and month whose
// year the dated dateline gives; "today" on a dated dateline. Relative
// expressions ("on Monday", "yesterday", "last week", "recently") give
// only an estimate, against the dateline's date or the publication date.
func (a *analysis) findDate() (*string, *DateEstimate) {
	d := a.doc
	var anchor time.Time // the dateline's date
	for i := d.dateline.start; i < d.dateline.end; i++ {
		if e, ok := d.dateAt(i); ok && e.end <= d.dateline.end+1 {
			if e.valid() {
				anchor = time.Date(e.year, e.month, e.day, 0, 0, 0, 0, time.UTC)
			}
			break
		}
	}
	ref := anchor
	if ref.IsZero() && !d.opts.Published.IsZero() {
		p := d.opts.Published
		ref = time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
	}
	var est *DateEstimate
	for _, s := range d.sents {
		if !d.hasWord(s, dateCues) {
			continue
		}
		for i := s.start; i < s.end; i++ {
			if d.inDateline(i) || d.quote[i] {
				continue
			}
			t := &d.toks[i]
			if e, ok := d.dateAt(i); ok {
				if e.year == 0 && !anchor.IsZero() {
					e.year = anchor.Year()
				}
				if e.valid() {
					str := e.String()
					return &str, nil
				}
				if e.year == 0 && !ref.IsZero() && est == nil {
					y := ref.Year()
					if time.Date(y, e.month, e.day, 0, 0, 0, 0, time.UTC).After(ref) {
						y-- // a day and month after publication is last year's
					}
					e.year = y
					if e.valid() {
						est = &DateEstimate{Date: e.String(), Expression: d.spanText(span{e.start, e.end}), Exact: true}
					}
				}
				i = e.end - 1
				continue
			}
			if t.kind != tWord {
				continue
			}
			switch t.norm {
			case "today", "yesterday":
				if t.upper && i != s.start {
					continue
				}
				if !anchor.IsZero() {
					day := anchor
					if t.norm == "yesterday" {
						day = day.AddDate(0, 0, -1)
					}
					str := day.Format(time.DateOnly)
					return &str, nil
				}
				if !ref.IsZero() && est == nil {
					day := ref
					if t.norm == "yesterday" {
						day = day.AddDate(0, 0, -1)
					}
					est = &DateEstimate{Date: day.Format(time.DateOnly), Expression: t.text, Exact: true}
				}
			case "recently", "earlier":
				if !ref.IsZero() && est == nil && (t.norm == "recently" || (i+2 < s.end && d.toks[i+1].norm == "this" && d.toks[i+2].norm == "week")) {
					est = &DateEstimate{Date: ref.Format(time.DateOnly), Expression: t.text, Exact: false}
				}
			case "last":
				if !ref.IsZero() && est == nil && i+1 < s.end {
					switch d.toks[i+1].norm {
					case "week":
						est = &DateEstimate{Date: ref.AddDate(0, 0, -7).Format(time.DateOnly), Expression: "last week", Exact: false}
					case "month":
						est = &DateEstimate{Date: ref.AddDate(0, -1, 0).Format(time.DateOnly), Expression: "last month", Exact: false}
					}
				}
			default:
				wd, ok := weekdays[t.norm]
				if !ok || !t.upper || ref.IsZero() || est != nil {
					continue
				}
				back := (int(ref.Weekday()) - int(wd) + 7) % 7
				if i > s.start && d.toks[i-1].norm == "last" {
					if back == 0 {
						back = 7
					}
				}
				est = &DateEstimate{Date: ref.AddDate(0, 0, -back).Format(time.DateOnly), Expression: "on " + t.text, Exact: true}
			}
		}
	}
	return nil, est
}

func parseDate(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }
