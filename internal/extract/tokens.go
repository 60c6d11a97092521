package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// token is a word, a number or one punctuation character of the text.
type token struct {
	text       string // as written (curly apostrophes become straight)
	norm       string // folded for matching: lower case, no diacritics, one spelling
	start, end int    // byte offsets in the text
	kind       tokKind
	upper      bool // starts with an upper-case letter
	allCaps    bool // two or more letters, all upper case
	space      bool // preceded by white space or the start of the text
	newline    bool // preceded by a line break
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// spelling folds British and American spellings that organization names
// use interchangeably.
var spelling = map[string]string{
	"centre": "center", "centres": "centers", "programme": "program", "programmes": "programs",
	"organisation": "organization", "organisations": "organizations", "labour": "labor",
	"defence": "defense", "counselor": "counsellor", "adviser": "advisor",
}

// stripMarks removes diacritics. A chain of transformers keeps state while
// it runs, so each fold takes one of its own from the pool: releases read
// at the same time by two officers raced on a single one (go test -race).
var stripMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// fold lower-cases a word and removes diacritics.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		t := stripMarks.Get().(transform.Transformer)
		if f, _, err := transform.String(t, s); err == nil {
			s = f
		}
		stripMarks.Put(t)
		s = strings.ReplaceAll(s, "’", "'")
	}
	s = strings.ToLower(s)
	if v, ok := spelling[s]; ok {
		return v
	}
	return s
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// tokenize splits text into tokens. Hyphens, periods and other punctuation
// are tokens of their own, so that "Secretary-General" and "Secretary
// General" share their words; an apostrophe inside a word stays in it
// ("Sana'a") except the possessive "'s", which is a token.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	space, newline := true, false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			space, newline = true, true
			i += size
			continue
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			space = true
			i += size
			continue
		}
		start := i
		var kind tokKind
		switch {
		case unicode.IsDigit(r):
			kind = tNum
			i += size
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if unicode.IsDigit(r2) {
					i += s2
					continue
				}
				// 413,451 and 4.5: a separator between digits.
				if (r2 == ',' || r2 == '.') && i+s2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[i+s2:])
					if unicode.IsDigit(r3) {
						i += s2
						continue
					}
				}
				break
			}
		case isWordRune(r):
			kind = tWord
			i += size
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if isWordRune(r2) {
					i += s2
					continue
				}
				if isApostrophe(r2) && i+s2 < len(text) {
					r3, s3 := utf8.DecodeRuneInString(text[i+s2:])
					if isWordRune(r3) {
						// The possessive 's ends the word.
						if (r3 == 's' || r3 == 'S') && (i+s2+s3 >= len(text) || !isWordRune(firstRune(text[i+s2+s3:]))) {
							break
						}
						i += s2
						continue
					}
					// Dato' and similar: keep a final apostrophe on a word
					// only when it is not a closing quote (next is a space
					// and the word is a known honorific); simpler to drop it.
				}
				break
			}
		default:
			kind = tPunct
			i += size
			if isApostrophe(r) && i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if (r2 == 's' || r2 == 'S') && (i+s2 >= len(text) || !isWordRune(firstRune(text[i+s2:]))) {
					i += s2
					kind = tWord
				}
			}
		}
		raw := text[start:i]
		t := token{text: raw, start: start, end: i, kind: kind, space: space, newline: newline}
		if strings.ContainsRune(raw, '’') {
			t.text = strings.ReplaceAll(raw, "’", "'")
		}
		switch kind {
		case tWord:
			t.norm = fold(t.text)
			first, _ := utf8.DecodeRuneInString(t.text)
			t.upper = unicode.IsUpper(first)
			t.allCaps = t.upper && utf8.RuneCountInString(t.text) > 1 && strings.ToUpper(t.text) == t.text && t.norm != strings.ToUpper(t.text)
		case tNum:
			t.norm = t.text
		default:
			t.norm = normPunct(t.text)
		}
		if len(toks) == cap(toks) {
			// Double: append grows large slices by a quarter, which copies
			// a megabyte of commas' tokens five times over.
			toks = slices.Grow(toks, len(toks))
		}
		toks = append(toks, t)
		space, newline = false, false
	}
	return toks
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// normPunct maps typographic variants of punctuation to one form.
func normPunct(s string) string {
	switch s {
	case "’", "‘", "`", "´":
		return "'"
	case "“", "”", "„", "«", "»":
		return "\""
	case "–", "—", "―", "‒", "−", "‐", "‑":
		return "-"
	}
	return s
}
