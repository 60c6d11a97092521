package storetest

import (
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// genevaWorld creates the seed release's organizations, two officials and
// the OIC–WHO meeting; it returns the IDs by acronym and the meeting.
func genevaWorld(t *testing.T, db *store.DB) (map[string]int64, *accord.Engagement) {
	t.Helper()
	ids := map[string]int64{}
	for _, o := range []*accord.Organization{
		{NameEN: "Organisation of Islamic Cooperation", NameAR: "منظمة التعاون الإسلامي", Acronym: "OIC", Type: "40"},
		{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé", Acronym: "WHO", Type: "40"},
		{NameEN: "International Committee of the Red Cross", Acronym: "ICRC", Type: "21"},
	} {
		ids[MustCreateOrg(t, db, o).Acronym] = o.ID
	}
	bakhiet := &accord.Person{Name: "Tarig Ali Bakhiet", Positions: []accord.Position{{Title: "Assistant Secretary-General", OrgID: ids["OIC"]}}}
	tedros := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: ids["WHO"]}}}
	for _, p := range []*accord.Person{bakhiet, tedros} {
		if err := db.CreatePerson(Admin(), p); err != nil {
			t.Fatal(err)
		}
	}
	ids["bakhiet"], ids["tedros"] = bakhiet.ID, tedros.ID
	e := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting on health cooperation", Date: "2022-07-22", City: "Geneva", Country: "CH",
		Summary: "Resource mobilization for the health sector in Afghanistan and the Sahel; access to COVID-19 vaccines.",
		Topics:  []string{"COVID-19 vaccines", "medical supplies"},
		Participants: []accord.Participant{
			{PersonID: bakhiet.ID, OrgID: ids["OIC"], Title: "Assistant Secretary-General"},
			{PersonID: tedros.ID, OrgID: ids["WHO"], Title: "Director-General"},
		},
		Sources: []accord.Source{{Title: "OIC, WHO enhance cooperation in health sector", URL: "https://example.org/oic-who"}}}
	if err := db.CreateEngagement(Admin(), e); err != nil {
		t.Fatal(err)
	}
	return ids, e
}

func testEngagements(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, e := genevaWorld(t, db)
	if len(e.Organizations) != 2 {
		t.Errorf("participants' organizations not added: %+v", e.Organizations)
	}
	got, err := db.GetEngagement(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Participants) != 2 || got.Participants[1].PersonName != "Tedros Adhanom Ghebreyesus" || got.Participants[1].Title != "Director-General" ||
		len(got.Sources) != 1 || len(got.Topics) != 2 || got.Country != "CH" {
		t.Errorf("read back: %+v", got)
	}
	for q, want := range map[string]int{"vaccines": 1, "Santé": 1, "Ghebreyesus": 1, "geneva health": 1, "migration": 0, "التعاون": 1} {
		if _, total, err := db.ListEngagements(ctx, accord.EngagementFilter{Q: q}); err != nil || total != want {
			t.Errorf("search %q: %d (%v), want %d", q, total, err, want)
		}
	}
	for _, f := range []accord.EngagementFilter{{OrgID: ids["WHO"]}, {PersonID: ids["bakhiet"]}, {Country: "ch"}, {From: "2022-07-01", To: "2022-07-31"}, {Kind: "meeting"}} {
		if list, total, _ := db.ListEngagements(ctx, f); total != 1 || len(list[0].Organizations) != 2 {
			t.Errorf("filter %+v: %d", f, total)
		}
	}
	if _, total, _ := db.ListEngagements(ctx, accord.EngagementFilter{OrgID: ids["ICRC"]}); total != 0 {
		t.Errorf("ICRC filter finds the WHO meeting")
	}
	// An approximate date; a stale edit; bad references named.
	got.DatePrecision, got.Date = "month", "2022-07-22"
	if err := db.UpdateEngagement(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.GetEngagement(ctx, e.ID); again.Date != "2022-07-01" || again.DatePrecision != "month" || len(again.Participants) != 2 {
		t.Errorf("after update: %+v", again)
	}
	got.Version = 1
	if err := db.UpdateEngagement(ctx, got); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale update: %v", err)
	}
	bad := &accord.Engagement{Kind: "meeting", Title: "X", Date: "2022-01-01", Country: "ZZ", Participants: []accord.Participant{{PersonID: 999999}}}
	fields := map[string]bool{}
	for _, f := range accord.ErrorFields(db.CreateEngagement(ctx, bad)) {
		fields[f.Field] = true
	}
	if !fields["country"] || !fields["participants[0].person_id"] {
		t.Errorf("bad references: %v", fields)
	}
}

func testActionPoints(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, e := genevaWorld(t, db)
	officer := &accord.User{Email: "officer@example.org", Name: "Officer", Role: accord.RoleOfficer}
	if err := db.CreateUser(ctx, officer, "x"); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2022, 9, 1, 9, 0, 0, 0, time.UTC)
	db.UseClock(func() time.Time { return today })
	mou := &accord.ActionPoint{EngagementID: e.ID, Text: "Develop a new memorandum of understanding", OwnerID: &officer.ID, DueDate: "2022-08-31",
		Priority: "high", Parties: []accord.EngagementOrg{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	plan := &accord.ActionPoint{EngagementID: e.ID, Text: "Draft a plan of action", DueDate: "2022-12-31"}
	for _, a := range []*accord.ActionPoint{mou, plan} {
		if err := db.CreateActionPoint(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if mou.Status != accord.APOpen || len(mou.Parties) != 2 {
		t.Errorf("created: %+v", mou)
	}
	list, total, _ := db.ListActionPoints(ctx, accord.ActionPointFilter{Overdue: true})
	if total != 1 || list[0].ID != mou.ID || !list[0].Overdue {
		t.Errorf("overdue list: %d", total)
	}
	if _, total, _ := db.ListActionPoints(ctx, accord.ActionPointFilter{OwnerID: officer.ID}); total != 1 {
		t.Errorf("my action points: %d", total)
	}
	if _, total, _ := db.ListActionPoints(ctx, accord.ActionPointFilter{Q: "memorandum"}); total != 1 {
		t.Errorf("search: %d", total)
	}
	// Status machine through the store: rules refused with the field named; nothing changes.
	if _, err := db.TransitionActionPoint(ctx, mou.ID, 1, accord.APDone, ""); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("done without note: %v", err)
	}
	moved, err := db.TransitionActionPoint(ctx, mou.ID, 1, accord.APInProgress, "")
	if err != nil || moved.Status != accord.APInProgress || moved.Version != 2 {
		t.Fatalf("start: %+v %v", moved, err)
	}
	if _, err := db.TransitionActionPoint(ctx, mou.ID, 1, accord.APDone, "signed"); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale transition: %v", err)
	}
	done, err := db.TransitionActionPoint(ctx, mou.ID, 2, accord.APDone, "MoU drafted and sent to WHO")
	if err != nil || done.Overdue {
		t.Fatalf("done: %+v %v", done, err)
	}
	if _, err := db.TransitionActionPoint(ctx, mou.ID, 3, accord.APOpen, ""); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("reopen a done point: %v", err)
	}
	if _, total, _ := db.ListActionPoints(ctx, accord.ActionPointFilter{Overdue: true}); total != 0 {
		t.Errorf("a done point is still overdue")
	}
	got, _ := db.GetActionPoint(ctx, mou.ID)
	if got.StatusNote != "MoU drafted and sent to WHO" || got.Status != accord.APDone {
		t.Errorf("stored: %+v", got)
	}
	if err := db.DeleteEngagement(ctx, e.ID, e.Version); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("deleting an engagement with action points: %v", err)
	}
	if err := db.CreateActionPoint(ctx, &accord.ActionPoint{EngagementID: 999999, Text: "x"}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("unknown engagement: %v", err)
	}
	// The point links to what fulfilled it.
	agreement := &accord.Agreement{Kind: "mou", Title: "MoU", EngagementID: &e.ID, Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	if err := db.CreateAgreement(ctx, agreement); err != nil {
		t.Fatal(err)
	}
	got.FulfilledByAgreement = ptr(int64(999999))
	if err := db.UpdateActionPoint(ctx, got); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("fulfilled by a missing agreement: %v", err)
	}
	got.FulfilledByAgreement = &agreement.ID
	if err := db.UpdateActionPoint(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.GetActionPoint(ctx, mou.ID); again.FulfilledByAgreement == nil || *again.FulfilledByAgreement != agreement.ID {
		t.Errorf("fulfilled by: %+v", again.FulfilledByAgreement)
	}
}

// testChainPartnerScope: a WHO partner sees the OIC–WHO meeting and its
// points, not the OIC–ICRC meeting or its points.
func testChainPartnerScope(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, e := genevaWorld(t, db)
	icrcMeeting := &accord.Engagement{Kind: "meeting", Title: "OIC–ICRC meeting on humanitarian law", Date: "2022-07-21",
		Organizations: []accord.EngagementOrg{{OrgID: ids["OIC"]}, {OrgID: ids["ICRC"]}}}
	if err := db.CreateEngagement(ctx, icrcMeeting); err != nil {
		t.Fatal(err)
	}
	seminars := &accord.ActionPoint{EngagementID: icrcMeeting.ID, Text: "Continue seminars and workshops on humanitarian law"}
	mou := &accord.ActionPoint{EngagementID: e.ID, Text: "Develop a new memorandum of understanding"}
	for _, a := range []*accord.ActionPoint{seminars, mou} {
		if err := db.CreateActionPoint(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	who := ids["WHO"]
	partner := &accord.User{Email: "focal@who.int", Name: "WHO focal point", Role: accord.RolePartner, OrgID: &who}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	pctx := As(partner)
	if list, total, _ := db.ListEngagements(pctx, accord.EngagementFilter{}); total != 1 || list[0].ID != e.ID {
		t.Errorf("partner engagements: %d", total)
	}
	if _, total, _ := db.ListEngagements(pctx, accord.EngagementFilter{Q: "humanitarian"}); total != 0 {
		t.Errorf("partner finds the ICRC meeting by search")
	}
	if _, err := db.GetEngagement(pctx, icrcMeeting.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads the ICRC meeting: %v", err)
	}
	if list, total, _ := db.ListActionPoints(pctx, accord.ActionPointFilter{}); total != 1 || list[0].ID != mou.ID {
		t.Errorf("partner action points: %d", total)
	}
	if _, err := db.GetActionPoint(pctx, seminars.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads the ICRC point: %v", err)
	}
	// A point of the ICRC meeting that names WHO as a party is WHO's business too.
	seminars.Parties = []accord.EngagementOrg{{OrgID: who}}
	if err := db.UpdateActionPoint(ctx, seminars); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetActionPoint(pctx, seminars.ID); err != nil {
		t.Errorf("partner cannot read a point it is party to: %v", err)
	}
}
