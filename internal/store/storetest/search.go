package storetest

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testSearch: one search box over every kind, in English, French and
// Arabic, ranked, and scoped to what the actor may see.
func testSearch(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, meeting := genevaWorld(t, db)
	mou := &accord.Agreement{Kind: "mou", Title: "Memorandum of understanding on vaccines", Summary: "Vaccines, vaccines and cold chain.",
		Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	ihl := &accord.Agreement{Kind: "work_plan", Title: "Work plan on humanitarian law", Summary: "Seminars; one mentions vaccines.",
		Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["ICRC"]}}}
	for _, g := range []*accord.Agreement{mou, ihl} {
		if err := db.CreateAgreement(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateActionPoint(ctx, &accord.ActionPoint{EngagementID: meeting.ID, Text: "Share the vaccine delivery schedule"}); err != nil {
		t.Fatal(err)
	}
	kinds := func(r *accord.SearchResult) map[string]int {
		out := map[string]int{}
		for _, h := range r.Hits {
			out[h.Kind]++
		}
		return out
	}
	r, err := db.Search(ctx, "vaccine", 10)
	if err != nil {
		t.Fatal(err)
	}
	k := kinds(r)
	if k["agreement"] != 2 || k["engagement"] != 1 || k["action_point"] != 1 || r.Total != 4 {
		t.Errorf("vaccine: %v, total %d", k, r.Total)
	}
	var first accord.SearchHit
	for _, h := range r.Hits {
		if h.Kind == "agreement" {
			first = h
			break
		}
	}
	if first.ID != mou.ID {
		t.Errorf("ranking: the agreement about vaccines should come before the one that mentions them once: %+v", r.Hits)
	}
	for q, kind := range map[string]string{"Santé": "organization", "التعاون": "organization", "Ghebreyesus": "person", "Geneva": "engagement"} {
		if r, _ := db.Search(ctx, q, 10); kinds(r)[kind] == 0 {
			t.Errorf("search %q finds no %s: %+v", q, kind, r.Hits)
		}
	}
	if r, _ := db.Search(ctx, `"; DROP TABLE agreements; --`, 10); r.Total != 0 {
		t.Errorf("punctuation query: %+v", r)
	}
	who := ids["WHO"]
	partner := &accord.User{Email: "focal@who.int", Name: "WHO", Role: accord.RolePartner, OrgID: &who}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	r, _ = db.Search(As(partner), "vaccine", 10)
	for _, h := range r.Hits {
		if h.Kind == "agreement" && h.ID == ihl.ID {
			t.Error("a partner of WHO finds the OIC–ICRC work plan")
		}
	}
	if r, _ := db.Search(As(partner), "red cross", 10); r.Total != 0 {
		t.Errorf("a partner of WHO finds ICRC: %+v", r.Hits)
	}
}
