package storetest

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testIntake checks that a confirmed press release becomes its records in
// one transaction, and that a failing item saves nothing at all.
func testIntake(t *testing.T, db *store.DB) {
	ctx := Admin()
	oic := MustCreateOrg(t, db, &accord.Organization{NameEN: "Organisation of Islamic Cooperation", Acronym: "OIC", Type: "40"})
	bakhiet := &accord.Person{Name: "Tarig Ali Bakhiet", Positions: []accord.Position{{Title: "Assistant Secretary-General", OrgID: oic.ID}}}
	if err := db.CreatePerson(ctx, bakhiet); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRates(ctx, []accord.ExchangeRate{{Currency: "SAR", Date: "2022-07-01", Rate: "3.75", Source: "test"}}); err != nil {
		t.Fatal(err)
	}
	version, err := db.NamesVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	release := []byte("RIYADH: KSrelief pledged SR 10 million to the OIC for Afghanistan.")
	in := &accord.Intake{
		Engagement: accord.Engagement{Kind: "meeting", Title: "KSrelief pledge to the OIC", Date: "2022-07-22", City: "Riyadh", Country: "SA",
			Summary: "A pledge for Afghanistan's health sector.", Topics: []string{"health"}},
		Orgs: []accord.IntakeOrg{{ID: oic.ID}, {New: &accord.Organization{NameEN: "King Salman Humanitarian Aid and Relief Centre", Acronym: "KSrelief", Type: "10", HQCountry: "SA"}}},
		People: []accord.IntakePerson{
			{ID: bakhiet.ID, Title: "Special Envoy to Afghanistan", Org: 0},
			{Name: "Abdullah Al Rabeeah", Title: "Supervisor General", Org: 1},
			{Name: "An Observer", Org: -1},
		},
		Actions:  []accord.IntakeAction{{Text: "agreed to develop a plan of action", Parties: []int{0, 1}}},
		Pledges:  []accord.IntakePledge{{Description: "SR 10 million for Afghanistan", Source: 1, Dest: 0, Country: "AF", Amount: "10000000", Currency: "SAR"}},
		Document: accord.IntakeDocument{Filename: "release.txt", ContentType: "text/plain; charset=utf-8", Data: release},
	}
	res, err := db.ConfirmIntake(ctx, in)
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	e, err := db.GetEngagement(ctx, res.EngagementID)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Organizations) != 2 || len(e.Participants) != 3 || e.City != "Riyadh" {
		t.Errorf("engagement: %+v", e)
	}
	if e.Participants[1].Title != "Supervisor General" || e.Participants[1].OrgID != res.OrgIDs[1] {
		t.Errorf("new participant: %+v", e.Participants[1])
	}
	ks, err := db.GetOrganization(ctx, res.OrgIDs[1])
	if err != nil || ks.Acronym != "KSrelief" {
		t.Errorf("new organization: %+v %v", ks, err)
	}
	b, err := db.GetPerson(ctx, bakhiet.ID)
	if err != nil || len(b.Positions) != 2 || b.Positions[1].Title != "Special Envoy to Afghanistan" || b.Positions[1].From != "2022-07-22" {
		t.Errorf("a new title gives a new position from the engagement's day: %+v %v", b, err)
	}
	rabeeah, err := db.GetPerson(ctx, res.PersonIDs[1])
	if err != nil || len(rabeeah.Positions) != 1 || rabeeah.Positions[0].OrgID != res.OrgIDs[1] {
		t.Errorf("new person: %+v %v", rabeeah, err)
	}
	points, _, err := db.ListActionPoints(ctx, accord.ActionPointFilter{EngagementID: e.ID})
	if err != nil || len(points) != 1 || len(points[0].Parties) != 2 || points[0].Status != accord.APOpen {
		t.Errorf("action points: %+v %v", points, err)
	}
	f, err := db.GetFlow(ctx, res.FlowIDs[0])
	if err != nil || f.Status != accord.FlowPledge || f.AmountUSD != "2666666.67" || f.Rate != "3.75" || f.Country != "AF" || f.SourceOrgID != res.OrgIDs[1] {
		t.Errorf("pledge at the day's rate: %+v %v", f, err)
	}
	docs, err := db.Attachments(ctx, "engagement", e.ID)
	if err != nil || len(docs) != 1 || docs[0].Filename != "release.txt" || docs[0].Size != int64(len(release)) {
		t.Errorf("source document: %+v %v", docs, err)
	}
	audit, _, err := db.ListAudit(ctx, accord.AuditFilter{Entity: "flow", EntityID: f.ID})
	if err != nil || len(audit) != 1 {
		t.Errorf("the pledge is audited: %d %v", len(audit), err)
	}
	if v, err := db.NamesVersion(ctx); err != nil || v == version {
		t.Errorf("names version did not change after new names: %q %v", v, err)
	}
	orgs, people, err := db.KnownNames(ctx, "2022-08-01")
	if err != nil {
		t.Fatal(err)
	}
	if !intakeHasOrg(orgs, "KSrelief") {
		t.Errorf("known names lack the new organization: %+v", orgs)
	}
	found := false
	for _, p := range people {
		if p.Name == "Abdullah Al Rabeeah" && p.Title == "Supervisor General" && p.OrgName == "King Salman Humanitarian Aid and Relief Centre" {
			found = true
		}
	}
	if !found {
		t.Errorf("known names lack the new person's position: %+v", people)
	}

	// A pledge in a currency without a rate fails late, after the
	// organizations, people, engagement and action points were written:
	// none of them stays.
	_, engagements, _ := db.ListEngagements(ctx, accord.EngagementFilter{})
	_, orgCount, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{})
	bad := &accord.Intake{
		Engagement: accord.Engagement{Kind: "meeting", Title: "Bad intake", Date: "2022-07-23"},
		Orgs:       []accord.IntakeOrg{{ID: oic.ID}, {New: &accord.Organization{NameEN: "Rolled Back Foundation", Type: "60"}}},
		People:     []accord.IntakePerson{{ID: bakhiet.ID, Title: "Envoy for the Sahel", Org: 0}, {Name: "Rolled Back Person", Org: 1}},
		Actions:    []accord.IntakeAction{{Text: "agreed to meet again", Parties: []int{0}}},
		Pledges: []accord.IntakePledge{
			{Description: "USD 1 million", Source: 1, Dest: 0, Amount: "1000000", Currency: "USD"},
			{Description: "CFA 500 million", Source: 1, Dest: 0, Amount: "500000000", Currency: "XOF"},
		},
		Document: accord.IntakeDocument{Filename: "bad.txt", ContentType: "text/plain", Data: []byte("another release")},
	}
	_, err = db.ConfirmIntake(ctx, bad)
	if accord.ErrorCode(err) != accord.EINVALID || !intakeHasField(err, "pledges[1].rate") {
		t.Fatalf("missing rate: want a problem on pledges[1].rate, got %v", err)
	}
	if !strings.Contains(accord.ErrorFields(err)[0].Message, "XOF") {
		t.Errorf("the problem should name the currency: %v", err)
	}
	_, engagementsAfter, _ := db.ListEngagements(ctx, accord.EngagementFilter{})
	_, orgCountAfter, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{})
	if engagementsAfter != engagements || orgCountAfter != orgCount {
		t.Errorf("a failed intake left records: engagements %d → %d, organizations %d → %d", engagements, engagementsAfter, orgCount, orgCountAfter)
	}
	if ps, _, _ := db.ListPeople(ctx, accord.PersonFilter{Q: "Rolled Back"}); len(ps) != 0 {
		t.Errorf("a failed intake left a person: %+v", ps)
	}
	if b, _ := db.GetPerson(ctx, bakhiet.ID); len(b.Positions) != 2 {
		t.Errorf("a failed intake left a position: %+v", b.Positions)
	}
	if flows, n, _ := db.ListFlows(ctx, accord.FlowFilter{}); n != 1 {
		t.Errorf("a failed intake left flows: %d %+v", n, flows)
	}

	// The same release confirmed again is stored once (same content hash).
	again := *in
	again.Engagement.Title = "Second report"
	again.Orgs = []accord.IntakeOrg{{ID: oic.ID}}
	again.People, again.Pledges, again.Actions = nil, nil, nil
	res2, err := db.ConfirmIntake(ctx, &again)
	if err != nil {
		t.Fatal(err)
	}
	docs2, _ := db.Attachments(ctx, "engagement", res2.EngagementID)
	if len(docs2) != 1 || docs2[0].SHA256 != docs[0].SHA256 {
		t.Errorf("same release, same document: %+v", docs2)
	}

	// Incomplete intakes and readers are refused before anything is written.
	if _, err := db.ConfirmIntake(ctx, &accord.Intake{Engagement: in.Engagement}); !intakeHasField(err, "orgs") {
		t.Errorf("no organizations: %v", err)
	}
	if _, err := db.ConfirmIntake(ctx, &accord.Intake{Engagement: in.Engagement, Orgs: []accord.IntakeOrg{{ID: oic.ID}},
		Pledges: []accord.IntakePledge{{Source: 3, Dest: -1, Amount: "1", Currency: "USD"}}}); !intakeHasField(err, "pledges[0].source") {
		t.Errorf("a pledge from an organization not in the intake: %v", err)
	}
	viewer := &accord.User{Email: "viewer@example.org", Name: "Viewer", Role: accord.RoleViewer}
	if err := db.CreateUser(ctx, viewer, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ConfirmIntake(As(viewer), &again); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("a viewer confirmed an intake: %v", err)
	}
	if _, _, err := db.KnownNames(As(viewer), "2022-08-01"); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("a viewer read every name: %v", err)
	}
}

func intakeHasOrg(orgs []accord.KnownOrg, acronym string) bool {
	for _, o := range orgs {
		if o.Acronym == acronym {
			return true
		}
	}
	return false
}

func intakeHasField(err error, field string) bool {
	for _, f := range accord.ErrorFields(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}
