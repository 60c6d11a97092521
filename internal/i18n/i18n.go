// Package i18n holds Accord's message catalogs (English, French, Arabic) and
// formats dates and numbers per locale. Every string the UI shows goes
// through a catalog; a test checks the three catalogs have the same keys.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

//go:embed messages/*.json
var files embed.FS

// Tags are the languages Accord speaks, English first as the fallback.
var Tags = []language.Tag{language.English, language.French, language.Arabic}

var matcher = language.NewMatcher(Tags)

// catalogs merges, per language, messages/LANG.json with the catalogs of
// capabilities, messages/NAME.LANG.json, so that each capability keeps its
// strings in files of its own.
var catalogs = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, tag := range Tags {
		lang := tag.String()
		names, _ := fs.Glob(files, "messages/*."+lang+".json")
		m := map[string]string{}
		for _, name := range append([]string{"messages/" + lang + ".json"}, names...) {
			b, err := files.ReadFile(name)
			if err != nil {
				panic(err) // embedded at build time; tests load every file
			}
			if err := json.Unmarshal(b, &m); err != nil {
				panic(fmt.Sprintf("%s: %v", name, err))
			}
		}
		out[lang] = m
	}
	return out
})

// Catalog returns the messages of lang; for tests.
func Catalog(lang string) map[string]string { return catalogs()[lang] }

// Locale formats messages, dates and numbers for one language.
type Locale struct {
	Lang     string // en, fr, ar
	Dir      string // ltr or rtl
	msgs     map[string]string
	printer  *message.Printer
	numerals *numerals // see numbers.go
}

var locales = sync.OnceValue(func() map[string]*Locale {
	out := map[string]*Locale{}
	for _, tag := range Tags {
		l := &Locale{Lang: tag.String(), Dir: "ltr", msgs: catalogs()[tag.String()], printer: message.NewPrinter(tag)}
		if tag == language.Arabic {
			l.Dir = "rtl"
		}
		l.numerals = newNumerals(l)
		out[l.Lang] = l
	}
	return out
})

// Get returns the locale for lang, English when lang is not spoken.
func Get(lang string) *Locale {
	if l, ok := locales()[lang]; ok {
		return l
	}
	return locales()["en"]
}

// Match picks the best language for an Accept-Language header.
func Match(acceptLanguage string) string {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Tags[i].String()
}

// T returns the message for key, formatted with args. A key missing from
// the catalog falls back to English, then to the key itself.
func (l *Locale) T(key string, args ...any) string {
	s, ok := l.msgs[key]
	if !ok {
		if s, ok = catalogs()["en"][key]; !ok {
			s = key
		}
	}
	if len(args) == 0 {
		return s
	}
	return l.printer.Sprintf(s, args...)
}

// Has reports whether the catalog has key; used to translate store messages when possible.
func (l *Locale) Has(key string) bool {
	_, ok := l.msgs[key]
	return ok
}

// Number formats n with the locale's digit grouping.
func (l *Locale) Number(n any) string {
	if l.numerals != nil {
		if s, ok := l.numerals.fast(n); ok {
			return s
		}
	}
	if f, ok := n.(float64); ok {
		return l.printer.Sprint(number.Decimal(f, number.MaxFractionDigits(2)))
	}
	return l.printer.Sprint(number.Decimal(n))
}

// Date formats a day in the locale's style: 22 July 2022, 22 juillet 2022, 22 يوليو 2022.
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := l.T(fmt.Sprintf("month.%d", int(t.Month())))
	if l.Lang == "en" {
		return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
	}
	// The year is a label, not a quantity: never group its digits (not "2 022").
	return l.printer.Sprintf("%d %s %v", t.Day(), month, number.Decimal(t.Year(), number.NoSeparator()))
}

// DateTime formats an instant (UTC) with the time of day.
func (l *Locale) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return l.Date(t) + " " + t.Format("15:04") + " UTC"
}

// DateString formats a YYYY-MM-DD string, returning it unchanged if it does not parse.
func (l *Locale) DateString(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return l.Date(t)
}

// ApproxDate formats a YYYY-MM-DD day known to the given precision:
// "22 July 2022" (day), "July 2022" (month) or "2022" (year).
func (l *Locale) ApproxDate(s, precision string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	year := l.printer.Sprint(number.Decimal(t.Year(), number.NoSeparator()))
	switch precision {
	case "month":
		return l.T(fmt.Sprintf("month.%d", int(t.Month()))) + " " + year
	case "year":
		return year
	}
	return l.Date(t)
}
