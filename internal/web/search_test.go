package web

import (
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
