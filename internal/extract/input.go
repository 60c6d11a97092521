package extract

import (
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// prepare checks and cleans the raw input: size, binary content, HTML,
// and language. It returns the text to read and notes for the user.
func prepare(text string) (string, []string, error) {
	var notes []string
	if len(text) > MaxInput {
		return "", nil, fmt.Errorf("%w: got %d bytes", ErrTooLarge, len(text))
	}
	if strings.IndexByte(text, 0) >= 0 {
		return "", nil, fmt.Errorf("%w: it contains NUL bytes", ErrBinary)
	}
	if !utf8.ValidString(text) {
		bad := 0
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				bad++
			}
			i += size
		}
		if bad*100 > len(text) {
			return "", nil, fmt.Errorf("%w: %d bytes are not valid UTF-8", ErrBinary, bad)
		}
		text = strings.ToValidUTF8(text, "\uFFFD")
		notes = append(notes, fmt.Sprintf("%d invalid UTF-8 bytes replaced", bad))
	}
	control := 0
	for _, r := range text {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			control++
		}
	}
	if control*50 > len(text) {
		return "", nil, fmt.Errorf("%w: %d control characters", ErrBinary, control)
	}
	if looksLikeHTML(text) {
		text = stripHTML(text)
		notes = append(notes, "HTML tags removed")
	}
	if strings.TrimSpace(text) == "" {
		return "", nil, ErrEmpty
	}
	if lang := language(text); lang != "" {
		return "", nil, fmt.Errorf("%w (the text looks %s)", ErrUnsupported, lang)
	}
	return text, notes, nil
}

func looksLikeHTML(s string) bool {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := strings.ToLower(head)
	for _, tag := range []string{"<html", "<!doctype html", "<body", "<p>", "<p ", "<div", "<br", "<script", "<span", "<article"} {
		if strings.Contains(lower, tag) {
			return true
		}
	}
	return false
}

// blockTags end a line when stripped.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "article": true, "section": true, "header": true, "footer": true,
	"blockquote": true, "title": true, "table": true, "ul": true, "ol": true, "figcaption": true,
}

// dropTags lose their content too.
var dropTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true}

// stripHTML removes tags and comments, drops script and style content and
// decodes entities. It is a tolerant scanner, not a parser: broken markup
// loses at worst some words, never the process.
func stripHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	lower := strings.ToLower(s)
	i := 0
	for i < len(s) {
		c := s[i]
		if c != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break
		}
		tag := s[i+1 : i+end]
		name := strings.ToLower(strings.TrimLeft(tag, "/!"))
		if k := strings.IndexAny(name, " \t\n\r/"); k >= 0 {
			name = name[:k]
		}
		i += end + 1
		if dropTags[name] && !strings.HasPrefix(tag, "/") {
			closing := "</" + name
			k := strings.Index(lower[i:], closing)
			if k < 0 {
				break // unclosed: the rest is script
			}
			i += k
			if e := strings.IndexByte(s[i:], '>'); e >= 0 {
				i += e + 1
			} else {
				i = len(s)
			}
			continue
		}
		if blockTags[name] {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return html.UnescapeString(b.String())
}

// englishStop are words frequent in any English news text.
var englishStop = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "was": true,
	"for": true, "on": true, "with": true, "by": true, "that": true, "as": true, "at": true, "from": true,
	"has": true, "have": true, "were": true, "be": true, "it": true, "this": true, "an": true, "are": true,
	"its": true, "their": true, "will": true, "which": true, "his": true, "her": true, "also": true,
}

// otherStop are frequent words of French, Spanish, Portuguese, German,
// Italian and Indonesian that English does not use.
var otherStop = map[string]bool{
	"le": true, "les": true, "des": true, "du": true, "et": true, "est": true, "une": true, "pour": true,
	"dans": true, "el": true, "los": true, "las": true, "y": true, "del": true, "por": true, "una": true,
	"que": true, "em": true, "os": true, "para": true, "der": true, "die": true, "und": true, "das": true,
	"mit": true, "ist": true, "il": true, "della": true, "di": true, "yang": true, "dan": true, "untuk": true,
	"dengan": true, "sur": true, "avec": true, "au": true, "aux": true, "ont": true, "pas": true,
}

// language returns "" for English and a description of the language
// otherwise. It looks at the script of the letters first, then at the
// share of English and non-English function words: crude, but it never
// guesses an extraction from a language the rules were not written for.
func language(s string) string {
	latin, other := 0, 0
	scripts := map[string]int{}
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if n > 20000 {
			break
		}
		switch {
		case r < 0x250 || unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Arabic, r):
			other++
			scripts["Arabic"]++
		case unicode.Is(unicode.Cyrillic, r):
			other++
			scripts["Cyrillic"]++
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r):
			other++
			scripts["Chinese, Japanese or Korean"]++
		default:
			other++
			scripts["written in a non-Latin script"]++
		}
	}
	if latin+other == 0 {
		return ""
	}
	if other > latin {
		best, bestN := "", 0
		for k, v := range scripts {
			if v > bestN || (v == bestN && k < best) {
				best, bestN = k, v
			}
		}
		if strings.HasPrefix(best, "written") {
			return best
		}
		return "written in " + best + " script"
	}
	en, oth, words := 0, 0, 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if words > 3000 {
			break
		}
		lw := strings.ToLower(w)
		if englishStop[lw] {
			en++
		}
		if otherStop[lw] {
			oth++
		}
	}
	if words >= 15 && oth > en && en*100 < words*8 {
		return "not English (few English function words)"
	}
	return ""
}
