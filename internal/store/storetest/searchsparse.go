package storetest

import (
	"fmt"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testSearchWindowSparse: a word found in more records than
// accord.SearchWindow, but mostly in old ones (a surname, not "health"),
// is still ranked among exactly its SearchWindow most recent matches.
// PostgreSQL looks among the newest 20,000 rows first and then, as here,
// finds the rest of the window among older ones.
func testSearchWindowSparse(t *testing.T, db *store.DB) {
	ctx := Admin()
	org := MustCreateOrg(t, db, NewOrg("World Health Organization", "WHO"))
	const newer = 21000 // more than PostgreSQL's first look
	old := accord.SearchWindow + 200
	es := make([]*accord.Engagement, 0, old+newer)
	for i := range old + newer {
		title := fmt.Sprintf("Briefing %05d", i)
		if i < old {
			title = fmt.Sprintf("Namubiru briefing %05d", i)
		}
		es = append(es, &accord.Engagement{Kind: "meeting", Title: title, Date: "2024-03-01", Organizations: []accord.EngagementOrg{{OrgID: org.ID}}})
	}
	for i := newer; i < newer+10; i++ { // ten recent matches too, among the newer rows
		es[old+i-newer].Title = fmt.Sprintf("Namubiru follow-up %05d", i)
	}
	// Of the old matches, the window holds the newest SearchWindow-10.
	inside, outside := old-(accord.SearchWindow-10), old-(accord.SearchWindow-10)-1
	es[inside].Title = "Namubiru Namubiru Namubiru visit"
	es[outside].Title = "Namubiru Namubiru Namubiru Namubiru visit"
	w, err := db.NewBulkWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Engagements(es); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	r, err := db.Search(ctx, "namubiru", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Capped || r.Total != accord.SearchWindow {
		t.Errorf("total %d, capped %v; want %d, capped", r.Total, r.Capped, accord.SearchWindow)
	}
	if len(r.Hits) == 0 || r.Hits[0].ID != es[inside].ID {
		t.Fatalf("hits %v; want first the best match inside the window, %d %q", r.Hits, es[inside].ID, es[inside].Title)
	}
	for _, h := range r.Hits {
		if h.ID == es[outside].ID {
			t.Errorf("the match just older than the window was ranked: %v", h)
		}
	}
}
