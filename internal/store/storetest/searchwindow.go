package storetest

import (
	"fmt"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testSearchWindow: a word found in more records than accord.SearchWindow
// is ranked among the most recent of them, and the result says so; more
// words give an exact count again. Organizations go through the scoped
// query and engagements through the full-text-only one, on SQLite.
func testSearchWindow(t *testing.T, db *store.DB) {
	ctx := Admin()
	n := accord.SearchWindow + 5
	w, err := db.NewBulkWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orgs := make([]*accord.Organization, n)
	for i := range orgs {
		orgs[i] = &accord.Organization{NameEN: fmt.Sprintf("Cholera Response Unit %04d", i), Type: "21"}
	}
	orgs[n-1].NameEN = "Cholera Cholera Unit Mopti" // the best match of the newest
	es := make([]*accord.Engagement, n)
	for i := range es {
		es[i] = &accord.Engagement{Kind: "meeting", Title: fmt.Sprintf("Cholera briefing %04d", i), Date: "2024-03-01",
			Organizations: []accord.EngagementOrg{{OrgID: 1}}}
	}
	es[n-2].Title, es[n-2].Summary = "Cholera vaccines for Mopti", "Cholera, cholera and oral cholera vaccine."
	if err := w.Organizations(orgs); err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		e.Organizations[0].OrgID = orgs[0].ID
	}
	if err := w.Engagements(es); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}

	r, err := db.Search(ctx, "cholera", 10)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Capped || r.Total != 2*accord.SearchWindow {
		t.Errorf("cholera in %d organizations and %d engagements: total %d, capped %v; want %d, capped", n, n, r.Total, r.Capped, 2*accord.SearchWindow)
	}
	best := map[string]string{}
	count := map[string]int{}
	for _, h := range r.Hits {
		if count[h.Kind] == 0 {
			best[h.Kind] = h.Title
		}
		count[h.Kind]++
	}
	if count["organization"] != 10 || count["engagement"] != 10 {
		t.Errorf("hits per kind %v, want 10 organizations and 10 engagements", count)
	}
	if best["organization"] != orgs[n-1].NameEN || best["engagement"] != es[n-2].Title {
		t.Errorf("best matches %q and %q; want %q and %q", best["organization"], best["engagement"], orgs[n-1].NameEN, es[n-2].Title)
	}

	r, err = db.Search(ctx, "cholera mopti", 10)
	if err != nil {
		t.Fatal(err)
	}
	if r.Capped || r.Total != 2 || len(r.Hits) != 2 {
		t.Errorf("cholera mopti: %d hits, total %d, capped %v; want 2, 2, not capped", len(r.Hits), r.Total, r.Capped)
	}

	// A partner's scope holds one of the organizations: its count is exact.
	partner := &accord.User{Email: "focal@unit.example", Name: "Focal point", Role: accord.RolePartner, OrgID: &orgs[7].ID}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	r, err = db.Search(As(partner), "cholera", 10)
	if err != nil {
		t.Fatal(err)
	}
	if r.Capped || r.Total != 1 || len(r.Hits) != 1 || r.Hits[0].ID != orgs[7].ID {
		t.Errorf("partner: hits %v, total %d, capped %v; want only its own organization", r.Hits, r.Total, r.Capped)
	}
}
