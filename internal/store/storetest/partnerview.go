package storetest

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testAppealPartnerScope: a partner sees the appeals it takes part in (a
// flow of its organization is tied to it, or it leads the activity) and
// no other, in lists, searches, single reads and funding by appeal.
func testAppealPartnerScope(t *testing.T, db *store.DB) {
	w := NewPartnerWorld(t, db)
	pctx := As(w.Partner)
	visible, hidden := w.Visible["appeals"], w.Hidden["appeals"]
	// An appeal with no flow yet, for an activity WHO leads: WHO's own need.
	unfunded := &accord.Appeal{Title: "Cold chain, Sahel", Group: "SAHEL", ActivityID: ptr(w.Visible["activities"]), Amount: "300000", Currency: "USD", Start: "2024-01-01"}
	if err := db.CreateAppeal(Admin(), unfunded); err != nil {
		t.Fatal(err)
	}
	list, total, err := db.ListAppeals(pctx, "", 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, a := range list {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	if want := []int64{visible, unfunded.ID}; total != 2 || !slices.Equal(ids, want) {
		t.Errorf("partner lists appeals %v (total %d), want %v", ids, total, want)
	}
	if _, total, _ := db.ListAppeals(pctx, "zqxappealtitle", 1, 50); total != 0 {
		t.Errorf("partner finds a hidden appeal by its title: %d", total)
	}
	if _, err := db.GetAppeal(pctx, hidden); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads a hidden appeal: %v", err)
	}
	if _, err := db.GetAppeal(pctx, unfunded.ID); err != nil {
		t.Errorf("partner cannot read the appeal of the activity it leads: %v", err)
	}
	rows, total2, err := fundingTable(pctx, db.FundingReport, accord.FundingFilter{By: "appeal"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Key != "" && r.Key != store.FormatID(visible) && r.Key != store.FormatID(unfunded.ID) { // "": WHO's money tied to no appeal
			t.Errorf("partner's funding by appeal has row %+v", r)
		}
	}
	if total2.Requirement != 4500000+300000 {
		t.Errorf("partner's requirement %v, want its two appeals' 4,800,000", total2.Requirement)
	}
	// Staff see all four.
	if _, total, _ := db.ListAppeals(Admin(), "", 1, 50); total != 4 {
		t.Errorf("staff list %d appeals, want 4", total)
	}
}

// testPartnerSeesNoHiddenPieces: records a partner may read carry no piece
// of a record it may not: titles of linked records, other posts of its
// people, the addresses of the staff who wrote them.
func testPartnerSeesNoHiddenPieces(t *testing.T, db *store.DB) {
	w := NewPartnerWorld(t, db)
	pctx := As(w.Partner)
	leak := func(what string, v any) {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if l := w.Leaks(string(b)); len(l) > 0 {
			t.Errorf("%s shows %v: %s", what, l, b)
		}
	}
	t.Run("news links", func(t *testing.T) {
		n, err := db.GetNews(pctx, w.Visible["news"])
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Links) != 1 || n.Links[0].EntityID != w.Visible["engagements"] {
			t.Errorf("partner sees links %+v, want only WHO's meeting", n.Links)
		}
		leak("news item", n)
		list, _, err := db.ListNews(pctx, accord.NewsFilter{})
		if err != nil {
			t.Fatal(err)
		}
		leak("news list", list)
	})
	t.Run("action point's engagement", func(t *testing.T) {
		ap, err := db.GetActionPoint(pctx, w.Visible["action-points"])
		if err != nil {
			t.Fatal(err)
		}
		leak("action point", ap)
		list, _, err := db.ListActionPoints(pctx, accord.ActionPointFilter{})
		if err != nil {
			t.Fatal(err)
		}
		leak("action points", list)
		if _, total, _ := db.ListActionPoints(pctx, accord.ActionPointFilter{Q: "zqxengagementtitle"}); total != 0 {
			t.Errorf("partner finds %d points by the title of a meeting it may not see", total)
		}
		if res, _ := db.Search(pctx, "zqxengagementtitle", 10); res.Total != 0 {
			t.Errorf("search finds %+v by the title of a meeting the partner may not see", res.Hits)
		}
		if _, total, _ := db.ListActionPoints(pctx, accord.ActionPointFilter{Q: "cold chain"}); total != 1 {
			t.Errorf("partner no longer finds its point by its own words: %d", total)
		}
	})
	t.Run("positions elsewhere", func(t *testing.T) {
		for _, f := range []accord.PersonFilter{{OrgID: w.ICRC.ID}, {Q: "zqxsharedpositiontitle"}, {Q: "adviser zqxshared"}} {
			if list, total, err := db.ListPeople(pctx, f); err != nil || total != 0 {
				t.Errorf("people %+v: %d found (%v), want none: %+v", f, total, err, list)
			}
		}
		if _, total, _ := db.ListPeople(pctx, accord.PersonFilter{Q: "adviser"}); total != 1 {
			t.Errorf("partner no longer finds the adviser by the WHO title: %d", total)
		}
		res, err := db.Search(pctx, "zqxsharedpositiontitle", 10)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 0 {
			t.Errorf("search finds %+v by a post at the ICRC", res.Hits)
		}
		if res, _ := db.Search(pctx, "adviser", 10); !slices.ContainsFunc(res.Hits, func(h accord.SearchHit) bool { return h.Kind == "person" }) {
			t.Errorf("search no longer finds the adviser by the WHO title: %+v", res.Hits)
		}
	})
	t.Run("funding labels", func(t *testing.T) {
		for _, by := range accord.FundingBy {
			rows, _, err := fundingTable(pctx, db.FundingReport, accord.FundingFilter{By: by})
			if err != nil {
				t.Fatal(err)
			}
			leak("funding by "+by, rows)
		}
		// Staff read the plan's title.
		if rows, _, _ := fundingTable(Admin(), db.FundingReport, accord.FundingFilter{By: "plan"}); !slices.ContainsFunc(rows, func(r accord.FundingRow) bool { return r.Label == "ZqxPlanTitle" }) {
			t.Errorf("staff funding by plan: %+v", rows)
		}
	})
	t.Run("staff addresses", func(t *testing.T) {
		docs, err := db.Attachments(pctx, "engagement", w.Visible["engagements"])
		if err != nil {
			t.Fatal(err)
		}
		leak("documents", docs)
		doc, _, err := db.Document(pctx, w.Visible["documents"])
		if err != nil {
			t.Fatal(err)
		}
		leak("document", doc)
		history, err := db.FlowHistory(pctx, w.Visible["flows"])
		if err != nil {
			t.Fatal(err)
		}
		leak("flow history", history)
		indicators, err := db.Indicators(pctx, w.Visible["activities"])
		if err != nil {
			t.Fatal(err)
		}
		leak("indicators", indicators)
		appeal, err := db.GetAppeal(pctx, w.Visible["appeals"])
		if err != nil {
			t.Fatal(err)
		}
		leak("appeal", appeal)
		agreement, err := db.GetAgreement(pctx, w.Visible["agreements"])
		if err != nil {
			t.Fatal(err)
		}
		leak("agreement's amendments", agreement)
		agreementHistory, err := db.AgreementHistory(pctx, w.Visible["agreements"])
		if err != nil {
			t.Fatal(err)
		}
		leak("agreement history", agreementHistory)
		// Staff still see who did it.
		if history, _ := db.FlowHistory(Admin(), w.Visible["flows"]); len(history) == 0 || history[0].By != w.Staff.Email {
			t.Errorf("staff read the flow history as %+v", history)
		}
	})
}
