package accord

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxQueryLength is the longest search text (q) accepted, in characters.
// Longer ones broke the databases' limits (SQLite refuses LIKE patterns
// over 50,000 bytes and expressions deeper than 1,000 terms) as a 500; no
// person types 200 characters into a search box.
const MaxQueryLength = 200

// ParseID reads a record id written canonically: a positive decimal number
// without sign, spaces or leading zeros that fits in 63 bits. "+1", "001"
// and " 1" are not ids, so that no two spellings name one record.
func ParseID(s string) (int64, bool) {
	if s == "" || s[0] < '1' || s[0] > '9' || len(s) > 19 {
		return 0, false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil
}

// isControl reports the C0 control characters (and DEL) that no text of
// Accord may hold: all but tab and the line breaks a textarea sends.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

// CheckInput records a problem when a value sent by a client is not
// valid UTF-8 or holds a control character such as NUL, naming the field
// and the first such character. Every form field, query parameter and JSON
// string passes through it before any handler reads it.
func CheckInput(p *Problems, field, v string) {
	if !utf8.ValidString(v) {
		p.Add(field, "is not valid UTF-8 text")
		return
	}
	if i := strings.IndexFunc(v, isControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(v[i:])
		p.Add(field, "contains the control character U+%04X at character %d; only tab and line breaks are accepted",
			r, utf8.RuneCountInString(v[:i])+1)
	}
}

// CheckQuery records a problem when the search text q is too long.
func CheckQuery(p *Problems, field, q string) {
	if n := utf8.RuneCountInString(q); n > MaxQueryLength {
		p.Add(field, "is too long (%d characters; a search takes at most %d)", n, MaxQueryLength)
	}
}

// InputError is nil without problems, else an EINVALID error whose message
// names every field at fault, for answers that show only the message.
func InputError(p Problems) error {
	if len(p) == 0 {
		return nil
	}
	parts := make([]string, len(p))
	for i, f := range p {
		parts[i] = f.Field + " " + f.Message
	}
	return &Error{Code: EINVALID, Message: strings.Join(parts, "; ") + ".", Fields: p}
}
