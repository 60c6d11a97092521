package web

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// foldResizes lists, from the Unicode tables, every letter, number and mark
// whose folded form (accord.Fold: lower case, accents removed) has another
// UTF-8 length than the character: "Ⱥ" (2 bytes, "ⱥ" 3), "é", Hangul syllables.
func foldResizes(t *testing.T) []rune {
	t.Helper()
	out := resizedByFolding()
	if len(out) < 1000 || !strings.ContainsRune(string(out), 'Ⱥ') {
		t.Fatalf("found %d characters whose folding changes their length", len(out))
	}
	return out
}

// resizedByFolding walks all of Unicode once for the tests that use it.
var resizedByFolding = sync.OnceValue(func() []rune {
	var out []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if utf8.ValidRune(r) && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) &&
			len(accord.Fold(string(r))) != utf8.RuneLen(r) {
			out = append(out, r)
		}
	}
	return out
})

func TestFoldOffsetsMatchFold(t *testing.T) {
	t.Parallel()
	for _, r := range foldResizes(t) {
		s := "Ab " + string(r) + string(r) + ", é-" + string(r) + "z"
		folded, at := accord.FoldOffsets(s)
		if folded != accord.Fold(s) || len(at) != len(folded) {
			t.Fatalf("FoldOffsets(%q) = %q (%d offsets), Fold gives %q", s, folded, len(at), accord.Fold(s))
		}
	}
}

// A snippet cut its text at offsets found in a lower-cased copy, so that
// every search finding a record with "Ⱥ" before the word failed. Each
// character whose folding changes its length now gives a snippet of whole
// characters, starting 60 characters before the word, with the word marked.
func TestSnippetAroundCharactersThatFoldLonger(t *testing.T) {
	t.Parallel()
	for _, r := range foldResizes(t) {
		c := string(r)
		text := "Ⱥ" + strings.Repeat(c+"x ", 100) + "Coopération " + c + "x" + strings.Repeat(" end", 100)
		got := string(snippet(text, "cooperation"))
		plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got))
		if !utf8.ValidString(got) || !strings.Contains(got, "<mark>Coopération</mark>") ||
			!strings.HasPrefix(plain, "…") || !strings.HasSuffix(plain, "…") {
			t.Fatalf("snippet with %U: %q", r, got)
		}
		if before, _, _ := strings.Cut(strings.TrimPrefix(plain, "…"), "Coopération"); utf8.RuneCountInString(before) != 60 {
			t.Fatalf("snippet with %U starts %d characters before the word, want 60: %q", r, utf8.RuneCountInString(before), got)
		}
		if got := string(highlight(c+"abc "+c, c+"ab")); !strings.HasPrefix(got, "<mark>") && unicode.IsLetter(r) {
			t.Fatalf("highlight(%q) with the word it starts: %q", c+"abc", got)
		}
	}
}

// The search page and GET /api/v1/search answer, with the word marked,
// for a record holding every such character, on SQLite and PostgreSQL.
func TestSearchFindsRecordsWithCharactersThatFoldLonger(t *testing.T) {
	all := string(foldResizes(t))
	for _, dialect := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(dialect), func(t *testing.T) {
			e := newEnvOn(t, dialect)
			eng := &accord.Engagement{Kind: "meeting", Title: "Ⱥ coopération " + string([]rune(all)[:200]), Date: "2024-05-01",
				Summary: all + " coopération " + string([]rune(all)[:1000])}
			// The case: the word after many Ⱥ, beyond the text's length in the folded copy.
			short := &accord.Engagement{Kind: "meeting", Title: "Ⱥ", Date: "2024-05-02", Summary: strings.Repeat("Ⱥ", 300) + " coopération" + strings.Repeat(" x", 100)}
			for _, r := range []*accord.Engagement{eng, short} {
				if err := e.db.CreateEngagement(storetest.Admin(), r); err != nil {
					t.Fatal(err)
				}
			}
			b := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
			token := e.adminToken()
			for _, q := range []string{"coopération", "cooperation", "COOPÉRATION"} {
				p := b.get("/app/search?q=" + url.QueryEscape(q))
				snippets := p.Doc.Find(".hits .snippet")
				if p.StatusCode != http.StatusOK || snippets.Length() != 2 || snippets.Find("mark").Length() != 2 {
					t.Fatalf("search page for %s: status %d, %d snippets, marks %q; %.300s", q, p.StatusCode, snippets.Length(), snippets.Find("mark").Text(), p.text("main"))
				}
				res := b.apiGet("/api/v1/search?q="+url.QueryEscape(q), token)
				var got accord.SearchResult
				if err := json.Unmarshal([]byte(res.Body), &got); res.StatusCode != http.StatusOK || err != nil || len(got.Hits) != 2 {
					t.Fatalf("API search for %s: status %d, %v, %d hits", q, res.StatusCode, err, len(got.Hits))
				}
				for _, h := range got.Hits {
					if want := map[int64]*accord.Engagement{eng.ID: eng, short.ID: short}[h.ID]; want == nil || h.Title != want.Title || h.Snippet != want.Summary {
						t.Errorf("API search for %s: hit %d is not the record as stored", q, h.ID)
					}
				}
			}
		})
	}
}

// FuzzSnippet checks, for any text and query, that FoldOffsets folds as
// Fold does with an offset of a character start for each byte, and that a
// snippet is whole characters. Seeds are in testdata/fuzz/FuzzSnippet.
func FuzzSnippet(f *testing.F) {
	f.Add(strings.Repeat("Ⱥ", 300)+" coopération"+strings.Repeat(" x", 100), "coopération")
	f.Fuzz(func(t *testing.T, text, q string) {
		folded, at := accord.FoldOffsets(text)
		if folded != accord.Fold(text) || len(at) != len(folded) {
			t.Fatalf("FoldOffsets(%q) = %q, Fold gives %q", text, folded, accord.Fold(text))
		}
		for i, o := range at {
			// (In invalid UTF-8 a stray byte is a character of its own, as range reads it.)
			if o < 0 || o >= len(text) || (i > 0 && o < at[i-1]) || (utf8.ValidString(text) && !utf8.RuneStart(text[o])) {
				t.Fatalf("FoldOffsets(%q): byte %d from offset %d", text, i, o)
			}
		}
		if s := string(snippet(text, q)); utf8.ValidString(text) && !utf8.ValidString(s) {
			t.Fatalf("snippet(%q, %q) = %q", text, q, s)
		}
	})
}
