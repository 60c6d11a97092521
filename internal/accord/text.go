package accord

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkText checks a free-text field for presence, length and control characters.
func checkText(p *Problems, field, v string, required bool, max int) {
	switch {
	case v == "" && required:
		p.Add(field, "is required")
	case !utf8.ValidString(v):
		p.Add(field, "is not valid UTF-8 text")
	case utf8.RuneCountInString(v) > max:
		p.Add(field, "is too long (%d characters; at most %d)", utf8.RuneCountInString(v), max)
	case strings.ContainsFunc(v, isControl):
		p.Add(field, "contains control characters")
	}
}

// checkURL checks an optional http(s) address.
func checkURL(p *Problems, field, v string) {
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(v) > 500 {
		p.Add(field, "must be a full http:// or https:// address")
	}
}

// localized picks the name in lang, falling back to English where a
// translation is missing.
func localized(lang, en, fr, ar string) string {
	switch {
	case lang == "fr" && fr != "":
		return fr
	case lang == "ar" && ar != "":
		return ar
	}
	return en
}

// Date is a calendar day without time or zone, written YYYY-MM-DD.
type Date string

// Valid reports whether d is a real calendar date.
func (d Date) Valid() bool {
	_, err := time.Parse(time.DateOnly, string(d))
	return err == nil
}

// Time returns d as midnight UTC.
func (d Date) Time() time.Time {
	t, _ := time.Parse(time.DateOnly, string(d))
	return t
}

// Fold prepares text for matching: lower case, accents removed, spaces
// collapsed, so that "sante" finds "Santé" and "OMS" finds "oms".
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r) || unicode.IsPunct(r) && r != '-':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// FoldOffsets is Fold that also says where each byte of the folded text
// comes from: at[i] is the offset in s of the character that gave byte i.
// Folding changes lengths ("Ⱥ" is 2 bytes, its lower case "ⱥ" 3; "é" loses
// its accent), so an offset found in the folded text must be mapped back
// through at before it cuts s.
func FoldOffsets(s string) (folded string, at []int) {
	var b strings.Builder
	space := false
	for i, r := range s {
		for _, d := range norm.NFD.String(string(r)) {
			switch {
			case unicode.Is(unicode.Mn, d):
				continue
			case unicode.IsSpace(d) || unicode.IsPunct(d) && d != '-':
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				at = append(at, i)
				space = false
			}
			n := b.Len()
			b.WriteRune(unicode.ToLower(d))
			for ; n < b.Len(); n++ {
				at = append(at, i)
			}
		}
	}
	return b.String(), at
}

// indexed names the field of the i-th element of a list: "participants[2].title".
func indexed(list string, i int, field string) string {
	s := list + "[" + strconv.Itoa(i) + "]"
	if field != "" {
		s += "." + field
	}
	return s
}

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }
