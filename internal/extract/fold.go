package extract

import (
	"strings"
	"unicode"
)

// foldName folds a name for comparison: case, diacritics, punctuation and
// spelling variants ("Centre"/"Center") do not matter; "Co-operation"
// equals "Cooperation".
func foldName(s string) string {
	var words []string
	for _, t := range tokenize(s) {
		if t.kind == tPunct {
			continue
		}
		w := t.norm
		if w == "'s" {
			w = "s"
		}
		w = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, w)
		if w == "" {
			continue
		}
		words = append(words, w)
	}
	out := strings.Join(words, " ")
	out = strings.ReplaceAll(out, "co operation", "cooperation")
	return out
}

// foldPersonName folds a person's name and drops honorifics.
func foldPersonName(s string) string {
	words := strings.Fields(foldName(s))
	for len(words) > 1 && (honorifics[words[0]] || words[0] == "h" || words[0] == "e") {
		words = words[1:]
	}
	return strings.Join(words, " ")
}
