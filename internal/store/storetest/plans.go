package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testPlansAndActivities(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, _ := genevaWorld(t, db)
	today := time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)
	db.UseClock(func() time.Time { return today })
	mou := &accord.Agreement{Kind: "mou", Title: "OIC–WHO MoU", Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	icrc := &accord.Agreement{Kind: "work_plan", Title: "OIC–ICRC work plan", Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["ICRC"]}}}
	for _, g := range []*accord.Agreement{mou, icrc} {
		if err := db.CreateAgreement(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	plan := &accord.Plan{Title: "Plan of action for health cooperation", Agreements: []accord.PlanAgreement{{AgreementID: mou.ID}},
		Objectives: []accord.Objective{{Title: "Access to COVID-19 vaccines"}, {Title: "Medical supplies"}, {Title: " "}}}
	if err := db.CreatePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if len(plan.Objectives) != 2 || plan.Objectives[0].ID == 0 || plan.Agreements[0].Title != "OIC–WHO MoU" {
		t.Fatalf("plan: %+v", plan)
	}
	vaccines := &accord.Activity{PlanID: plan.ID, ObjectiveID: &plan.Objectives[0].ID, Title: "COVID-19 vaccine access for the Sahel",
		Kind: "vaccine_access", Status: 2, LeadOrgID: ids["WHO"], Implementing: []accord.EngagementOrg{{OrgID: ids["OIC"]}},
		Groups: []string{"sahel"}, Countries: []string{"af"}, Sectors: []accord.ActivitySector{{Code: "12250", Percent: 60}, {Code: "12191", Percent: 40}},
		PlannedStart: "2022-10-01", PlannedEnd: "2023-09-30", Budget: "2,500,000", Currency: "usd"}
	if err := db.CreateActivity(ctx, vaccines); err != nil {
		t.Fatal(err)
	}
	if vaccines.Budget != "2500000" || vaccines.Currency != "USD" || !slices.Contains(vaccines.Beneficiaries, "ML") || !slices.Contains(vaccines.Beneficiaries, "AF") {
		t.Errorf("activity: budget %q %q, beneficiaries %v", vaccines.Budget, vaccines.Currency, vaccines.Beneficiaries)
	}
	// A group expands to its countries in every count; a country outside it does not match.
	for country, want := range map[string]int{"ML": 1, "ne": 1, "AF": 1, "CH": 0} {
		if _, total, _ := db.ListActivities(ctx, accord.ActivityFilter{Country: country}); total != want {
			t.Errorf("activities for %s: %d, want %d", country, total, want)
		}
	}
	if _, total, _ := db.ListActivities(ctx, accord.ActivityFilter{Q: "vaccine sahel"}); total != 1 {
		t.Errorf("search: %d", total)
	}
	// Rules: percentages sum to 100, codes exist, the objective is the plan's.
	other := &accord.Plan{Title: "IHL plan", Agreements: []accord.PlanAgreement{{AgreementID: icrc.ID}}, Objectives: []accord.Objective{{Title: "Seminars"}}}
	if err := db.CreatePlan(ctx, other); err != nil {
		t.Fatal(err)
	}
	bad := &accord.Activity{PlanID: plan.ID, ObjectiveID: &other.Objectives[0].ID, Title: "x", Kind: "training", LeadOrgID: ids["OIC"],
		Sectors: []accord.ActivitySector{{Code: "12250", Percent: 60}, {Code: "99999", Percent: 30}}, Groups: []string{"ATLANTIS"}, Currency: "XXY", Budget: "-5"}
	fields := map[string]bool{}
	for _, f := range accord.ErrorFields(db.CreateActivity(ctx, bad)) {
		fields[f.Field] = true
	}
	if !fields["sectors"] || !fields["budget"] {
		t.Errorf("own rules: %v", fields)
	}
	bad.Sectors[1].Percent, bad.Budget = 40, "10"
	fields = map[string]bool{}
	for _, f := range accord.ErrorFields(db.CreateActivity(ctx, bad)) {
		fields[f.Field] = true
	}
	for _, f := range []string{"objective_id", "sectors[1].code", "groups[0]", "currency"} {
		if !fields[f] {
			t.Errorf("no problem for %s: %v", f, fields)
		}
	}
	// Objectives keep their IDs across edits, so activities stay attached.
	plan.Objectives = append(plan.Objectives[:1], accord.Objective{Title: "Training"})
	if err := db.UpdatePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	got, _ := db.GetActivity(ctx, vaccines.ID)
	if got.ObjectiveID == nil || *got.ObjectiveID != plan.Objectives[0].ID {
		t.Errorf("activity lost its objective: %+v", got.ObjectiveID)
	}
	got.Status, got.ActualStart = 3, "2022-10-15"
	if err := db.UpdateActivity(ctx, got); err != nil {
		t.Fatal(err)
	}
	got.Version = 1
	if err := db.UpdateActivity(ctx, got); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale update: %v", err)
	}
	// A partner of ICRC sees neither the WHO plan nor its activity.
	icrcID := ids["ICRC"]
	partner := &accord.User{Email: "focal@icrc.org", Name: "ICRC", Role: accord.RolePartner, OrgID: &icrcID}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	pctx := As(partner)
	if list, total, _ := db.ListPlans(pctx, accord.PlanFilter{}); total != 1 || list[0].ID != other.ID {
		t.Errorf("partner plans: %d", total)
	}
	if _, total, _ := db.ListActivities(pctx, accord.ActivityFilter{Country: "ML"}); total != 0 {
		t.Errorf("partner sees WHO's activity")
	}
	if _, err := db.GetActivity(pctx, vaccines.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads WHO's activity: %v", err)
	}
	if _, err := db.GetPlan(pctx, plan.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads WHO's plan: %v", err)
	}
}
