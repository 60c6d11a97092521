package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// translations are the catalogs checked against English.
var translations = []string{"fr", "ar"}

func TestCatalogsLoad(t *testing.T) {
	for _, tag := range Tags {
		if len(Catalog(tag.String())) == 0 {
			t.Errorf("catalog %s is missing or empty", tag)
		}
	}
}

func TestSameKeys(t *testing.T) {
	en := Catalog("en")
	for _, lang := range translations {
		tr := Catalog(lang)
		var missing, extra []string
		for k := range en {
			if _, ok := tr[k]; !ok {
				missing = append(missing, k)
			}
		}
		for k := range tr {
			if _, ok := en[k]; !ok {
				extra = append(extra, k)
			}
		}
		slices.Sort(missing)
		slices.Sort(extra)
		if len(missing) > 0 {
			t.Errorf("%s.json lacks %d keys of en.json: %s", lang, len(missing), strings.Join(missing, ", "))
		}
		if len(extra) > 0 {
			t.Errorf("%s.json has %d keys not in en.json: %s", lang, len(extra), strings.Join(extra, ", "))
		}
	}
}

// verbRE matches a fmt directive: flags, optional argument index, width,
// precision and verb. "%%" is matched too and then skipped.
var verbRE = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[a-zA-Z%]`)

// verbs returns the sorted verbs (s, d, v...) of the directives in s.
func verbs(s string) []string {
	var out []string
	for _, m := range verbRE.FindAllString(s, -1) {
		v := m[len(m)-1:]
		if v == "%" {
			continue
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

func TestVerbs(t *testing.T) {
	if got := verbs("Page %d of %d, %s and %v, 100%%"); !slices.Equal(got, []string{"d", "d", "s", "v"}) {
		t.Fatalf("verbs parser: got %v", got)
	}
}

func TestPlaceholders(t *testing.T) {
	en := Catalog("en")
	for _, lang := range translations {
		tr := Catalog(lang)
		for k, want := range en {
			s, ok := tr[k]
			if !ok {
				continue // reported by TestSameKeys
			}
			if w, g := verbs(want), verbs(s); !slices.Equal(w, g) {
				t.Errorf("%s %q: placeholders %v, English has %v (%q vs %q)", lang, k, g, w, s, want)
			}
		}
	}
}

func TestNoEmptyValues(t *testing.T) {
	for _, tag := range Tags {
		for k, v := range Catalog(tag.String()) {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s %q is empty", tag, k)
			}
		}
	}
}

// arabicExempt are keys whose Arabic value need not be in Arabic script:
// each language names itself.
var arabicExempt = map[string]bool{"lang.en": true, "lang.fr": true, "lang.ar": true}

func TestArabicScript(t *testing.T) {
	ar := Catalog("ar")
	var total int
	var latin []string
	for k, v := range ar {
		if arabicExempt[k] {
			continue
		}
		total++
		if !strings.ContainsFunc(v, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
			latin = append(latin, k)
		}
	}
	slices.Sort(latin)
	if total == 0 {
		t.Fatal("ar catalog is empty")
	}
	if arabic := total - len(latin); arabic*10 < total*9 {
		t.Errorf("only %d of %d ar values are in Arabic script; not: %s", arabic, total, strings.Join(latin, ", "))
	} else if len(latin) > 0 {
		t.Logf("ar values without Arabic script: %s", strings.Join(latin, ", "))
	}
}

func TestLanguageNames(t *testing.T) {
	en := Catalog("en")
	for _, lang := range translations {
		for _, k := range []string{"lang.en", "lang.fr", "lang.ar"} {
			if got := Catalog(lang)[k]; got != en[k] {
				t.Errorf("%s %q = %q, want %q (each language names itself)", lang, k, got, en[k])
			}
		}
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{"fr-CH, fr;q=0.9, en;q=0.8", "fr"},
		{"ar-SA", "ar"},
		{"de", "en"},
		{"", "en"},
	} {
		if got := Match(c.header); got != c.want {
			t.Errorf("Match(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

func TestGet(t *testing.T) {
	if d := Get("ar").Dir; d != "rtl" {
		t.Errorf(`Get("ar").Dir = %q, want "rtl"`, d)
	}
	if d := Get("fr").Dir; d != "ltr" {
		t.Errorf(`Get("fr").Dir = %q, want "ltr"`, d)
	}
	if d := Get("en").Dir; d != "ltr" {
		t.Errorf(`Get("en").Dir = %q, want "ltr"`, d)
	}
	if l := Get("xx").Lang; l != "en" {
		t.Errorf(`Get("xx").Lang = %q, want "en"`, l)
	}
}

func TestT(t *testing.T) {
	if got := Get("fr").T("common.page", 2, 5); got != "Page 2 sur 5" {
		t.Errorf("fr common.page = %q", got)
	}
	if got := Get("en").T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q, want the key itself", got)
	}
}

func TestDate(t *testing.T) {
	day := time.Date(2022, 7, 22, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ lang, want string }{
		{"en", "22 July 2022"},
		{"fr", "22 juillet 2022"},
	} {
		if got := Get(c.lang).Date(day); got != c.want {
			t.Errorf("Get(%q).Date = %q, want %q", c.lang, got, c.want)
		}
	}
	ar := Get("ar").Date(day)
	if !strings.Contains(ar, "يوليو") {
		t.Errorf(`Get("ar").Date = %q, want the month يوليو`, ar)
	}
	if strings.ContainsAny(ar, "٬,\u00a0\u202f") {
		t.Errorf(`Get("ar").Date = %q: the year must not be grouped`, ar)
	}
	if got := Get("en").Date(time.Time{}); got != "" {
		t.Errorf("zero date = %q, want empty", got)
	}
}

func TestNumber(t *testing.T) {
	if got := Get("en").Number(10000); got != "10,000" {
		t.Errorf(`Get("en").Number(10000) = %q, want "10,000"`, got)
	}
	fr := Get("fr").Number(10000)
	if fr == "10,000" || !strings.Contains(fr, "10") {
		t.Errorf(`Get("fr").Number(10000) = %q, want French grouping`, fr)
	}
	if !strings.ContainsAny(fr, " \u00a0\u202f") {
		t.Errorf(`Get("fr").Number(10000) = %q, want a (no-break) space between groups`, fr)
	}
}

func TestApproxDate(t *testing.T) {
	for _, c := range []struct{ lang, date, precision, want string }{
		{"en", "2022-07-22", "day", "22 July 2022"},
		{"en", "2022-07-01", "month", "July 2022"},
		{"fr", "2022-06-01", "month", "juin 2022"},
		{"en", "2022-01-01", "year", "2022"},
		{"en", "not a date", "day", "not a date"},
	} {
		if got := Get(c.lang).ApproxDate(c.date, c.precision); got != c.want {
			t.Errorf("%s %s %s: %q, want %q", c.lang, c.date, c.precision, got, c.want)
		}
	}
}

func TestNumberOfAmounts(t *testing.T) {
	if got := Get("en").Number(4000000.0); got != "4,000,000" {
		t.Errorf("en 4e6 = %q", got)
	}
	if got := Get("en").Number(1250.5); got != "1,250.5" {
		t.Errorf("en 1250.5 = %q", got)
	}
}
