package storetest

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testIndicators(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, _ := genevaWorld(t, db)
	mou := &accord.Agreement{Kind: "mou", Title: "MoU", Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	if err := db.CreateAgreement(ctx, mou); err != nil {
		t.Fatal(err)
	}
	plan := &accord.Plan{Title: "Health plan", Agreements: []accord.PlanAgreement{{AgreementID: mou.ID}}}
	if err := db.CreatePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	act := &accord.Activity{PlanID: plan.ID, Title: "Vaccination in Afghanistan", Kind: "vaccine_access", LeadOrgID: ids["WHO"], Countries: []string{"AF"}}
	if err := db.CreateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}
	doses := &accord.Indicator{ActivityID: act.ID, Name: "Doses administered", Unit: "doses", Baseline: 0, Target: 500000}
	if err := db.CreateIndicator(ctx, doses); err != nil {
		t.Fatal(err)
	}
	officer := &accord.User{Email: "officer@example.org", Name: "Officer", Role: accord.RoleOfficer}
	editor := &accord.User{Email: "editor@example.org", Name: "Editor", Role: accord.RoleEditor}
	for _, u := range []*accord.User{officer, editor} {
		if err := db.CreateUser(ctx, u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	octx, ectx := As(officer), As(editor)
	v := &accord.IndicatorValue{IndicatorID: doses.ID, Period: "2023-q1", Value: 120000}
	if err := db.RecordValue(octx, v); err != nil || v.Status != accord.ValDraft || v.Period != "2023-Q1" {
		t.Fatalf("record: %+v %v", v, err)
	}
	v = &accord.IndicatorValue{IndicatorID: doses.ID, Period: "2023-Q1", Value: 125000}
	if err := db.RecordValue(octx, v); err != nil || v.Version != 2 || v.Value != 125000 {
		t.Fatalf("correct the draft: %+v %v", v, err)
	}
	moved, err := db.MoveValue(octx, v.ID, v.Version, accord.ValSubmitted, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveValue(octx, v.ID, moved.Version, accord.ValApproved, ""); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("an officer approves: %v", err)
	}
	waiting, total, err := db.AwaitingApproval(ectx, 10)
	if err != nil || total != 1 || waiting[0].IndicatorName != "Doses administered" || waiting[0].ActivityTitle != "Vaccination in Afghanistan" {
		t.Fatalf("awaiting approval: %d %+v %v", total, waiting, err)
	}
	if _, err := db.MoveValue(ectx, v.ID, moved.Version, accord.ValReturned, ""); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("returned without a comment: %v", err)
	}
	returned, err := db.MoveValue(ectx, v.ID, moved.Version, accord.ValReturned, "The Q1 report says 115,000")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RecordValue(octx, &accord.IndicatorValue{IndicatorID: doses.ID, Period: "2023-Q1", Value: 115000, Version: returned.Version}); err != nil {
		t.Fatalf("correct a returned value: %v", err)
	}
	list, _ := db.Indicators(ctx, act.ID)
	val := list[0].Values[0]
	if val.Value != 115000 || val.Status != accord.ValReturned {
		t.Fatalf("after correction: %+v", val)
	}
	sub, _ := db.MoveValue(octx, val.ID, val.Version, accord.ValSubmitted, "")
	if _, err := db.MoveValue(ectx, sub.ID, sub.Version, accord.ValApproved, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordValue(octx, &accord.IndicatorValue{IndicatorID: doses.ID, Period: "2023-Q1", Value: 1}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("changing an approved value: %v", err)
	}
	if _, total, _ := db.AwaitingApproval(ectx, 10); total != 0 {
		t.Errorf("still awaiting after approval: %d", total)
	}
	if err := db.RecordValue(octx, &accord.IndicatorValue{IndicatorID: doses.ID, Period: "Q2", Value: 1}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("bad period: %v", err)
	}
	icrc := ids["ICRC"]
	partner := &accord.User{Email: "focal@icrc.org", Name: "ICRC", Role: accord.RolePartner, OrgID: &icrc}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Indicators(As(partner), act.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("ICRC's partner reads WHO's indicators: %v", err)
	}
}
