package web

import (
	"html/template"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
)

type searchPage struct {
	Page
	Q      string
	Result *accord.SearchResult
	Kinds  []string
	Window int // accord.SearchWindow, for the message of a capped search
}

// Of returns the hits of one kind.
func (p searchPage) Of(kind string) []accord.SearchHit {
	var out []accord.SearchHit
	for _, h := range p.Result.Hits {
		if h.Kind == kind {
			out = append(out, h)
		}
	}
	return out
}

// search is the one search box over everything the user may see.
func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q")) // at most accord.MaxQueryLength: checkInput refuses longer
	res, err := s.Store.Search(r.Context(), q, 10)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "search", searchPage{Page: s.page(w, r, "search.title", ""), Q: q, Result: res, Kinds: accord.SearchKinds, Window: accord.SearchWindow})
}

// searchLinks maps a kind of hit to the page that shows it.
var searchLinks = map[string]string{
	"engagement": "/app/engagements/", "agreement": "/app/agreements/", "action_point": "/app/action-points/", "plan": "/app/plans/",
	"activity": "/app/activities/", "organization": "/app/organizations/", "person": "/app/people/",
}

// highlight escapes text and marks the words that start with a word of q,
// comparing folded forms so that "sante" marks "Santé".
func highlight(text, q string) template.HTML {
	terms := strings.Fields(accord.Fold(q))
	var b strings.Builder
	for len(text) > 0 {
		// Split off the next run of word or non-word characters.
		r, _ := utf8.DecodeRuneInString(text)
		isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) }
		word := isWord(r)
		end := strings.IndexFunc(text, func(r rune) bool { return isWord(r) != word })
		if end < 0 {
			end = len(text)
		}
		run := text[:end]
		text = text[end:]
		marked := false
		if word {
			folded := accord.Fold(run)
			for _, t := range terms {
				if strings.HasPrefix(folded, t) {
					marked = true
					break
				}
			}
		}
		if marked {
			b.WriteString("<mark>" + template.HTMLEscapeString(run) + "</mark>")
		} else {
			b.WriteString(template.HTMLEscapeString(run))
		}
	}
	return template.HTML(b.String()) // every piece of text above was escaped
}

// snippet shortens text to 200 characters from 60 before its first word
// found by a word of q, comparing folded forms as highlight does. The
// offset found in the folded text is mapped back to text's own: cutting
// text at it directly broke every search finding a "Ⱥ" (longer folded).
func snippet(text, q string) template.HTML {
	const width, before = 200, 60
	if utf8.RuneCountInString(text) <= width {
		return highlight(text, q)
	}
	folded, at := accord.FoldOffsets(text)
	start := 0
	for _, t := range strings.Fields(accord.Fold(q)) {
		if i := strings.Index(folded, t); i >= 0 {
			start = at[i]
			for n := 0; n < before && start > 0; n++ {
				_, size := utf8.DecodeLastRuneInString(text[:start])
				start -= size
			}
			break
		}
	}
	runes := []rune(text[start:])
	prefix, suffix := "", ""
	if len(runes) > width {
		runes, suffix = runes[:width], "…"
	}
	if start > 0 {
		prefix = "…"
	}
	return template.HTML(prefix) + highlight(string(runes), q) + template.HTML(suffix)
}
