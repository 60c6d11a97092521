package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestSearchPage(t *testing.T) {
	e := newEnv(t)
	storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé",
		NameAR: "منظمة الصحة العالمية", Acronym: "WHO", Type: "40"})
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg(`Health <script>alert(1)</script> Fund`, "HF"))
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	for q, want := range map[string]string{"sante": "Santé", "health": "Health", "الصحة": "الصحة"} {
		p := b.get("/app/search?q=" + q)
		marks := p.Doc.Find(".hits mark")
		if marks.Length() == 0 || !strings.Contains(marks.Text(), want) {
			t.Errorf("q=%s: marked %q, want %q", q, marks.Text(), want)
		}
		if strings.Contains(p.Body, "<script>alert") {
			t.Errorf("q=%s: a name's markup is rendered", q)
		}
	}
	if p := b.get("/app/search?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"); strings.Contains(p.Body, "<img src=x") {
		t.Error("the query is rendered as markup")
	}
	if got := b.get("/app/search?q=").Doc.Find(".hits").Length(); got != 0 {
		t.Errorf("empty query shows %d sections", got)
	}
}

func TestHighlight(t *testing.T) {
	for _, c := range []struct{ text, q, want string }{
		{"Organisation mondiale de la Santé", "sante", "Organisation mondiale de la <mark>Santé</mark>"},
		{"Migration & <health>", "migr health", "<mark>Migration</mark> &amp; &lt;<mark>health</mark>&gt;"},
		{"no match here", "vaccine", "no match here"},
	} {
		if got := string(highlight(c.text, c.q)); got != c.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", c.text, c.q, got, c.want)
		}
	}
}

// TestSearchPageCapped: a word in more organizations than the search ranks
// says so, and asks for more words.
func TestSearchPageCapped(t *testing.T) {
	e := newEnv(t)
	w, err := e.db.NewBulkWriter(storetest.Admin())
	if err != nil {
		t.Fatal(err)
	}
	orgs := make([]*accord.Organization, accord.SearchWindow+1)
	for i := range orgs {
		orgs[i] = storetest.NewOrg(fmt.Sprintf("Cholera Unit %d", i), "")
	}
	if err := w.Organizations(orgs); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	count := b.get("/app/search?q=cholera").Doc.Find("p.count").Text()
	if !strings.Contains(count, "More than 1,000") || !strings.Contains(count, "Add words") {
		t.Errorf("count line %q, want it to say the search was capped", count)
	}
	if count := b.get("/app/search?q=cholera+unit+7").Doc.Find("p.count").Text(); strings.Contains(count, "More than") {
		t.Errorf("a narrowed search says %q", count)
	}
}
