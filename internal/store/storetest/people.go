package storetest

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testPeople(t *testing.T, db *store.DB) {
	ctx := Admin()
	oic := MustCreateOrg(t, db, NewOrg("Organisation of Islamic Cooperation", "OIC"))
	p := &accord.Person{Name: "Tarig Ali Bakhiet", Honorific: "Ambassador", Positions: []accord.Position{
		{Title: "Assistant Secretary-General for Humanitarian, Cultural and Social Affairs", OrgID: oic.ID, From: "2019-01-01"},
		{Title: "Special Envoy of the Secretary-General to Afghanistan", OrgID: oic.ID, From: "2022-01-01"},
	}}
	if err := db.CreatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetPerson(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Positions) != 2 || got.Positions[1].OrgName != "Organisation of Islamic Cooperation" {
		t.Fatalf("positions: %+v", got.Positions)
	}
	if list, total, _ := db.ListPeople(ctx, accord.PersonFilter{Q: "envoy afghanistan"}); total != 1 || len(list[0].Positions) != 2 {
		t.Errorf("search by position title: total %d", total)
	}
	if _, total, _ := db.ListPeople(ctx, accord.PersonFilter{OrgID: oic.ID}); total != 1 {
		t.Errorf("filter by organization: total %d", total)
	}
	got.Positions = got.Positions[:1]
	got.Positions[0].To = "2025-12-31"
	if err := db.UpdatePerson(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := db.GetPerson(ctx, p.ID)
	if len(again.Positions) != 1 || again.Positions[0].To != "2025-12-31" || again.Version != 2 {
		t.Errorf("after update: %+v", again)
	}
	// Bad positions are refused with the field named, and nothing is lost.
	again.Positions = append(again.Positions, accord.Position{Title: "X", OrgID: 424242}, accord.Position{Title: "", OrgID: oic.ID, From: "2020-13-01"})
	err = db.UpdatePerson(ctx, again)
	if accord.ErrorCode(err) != accord.EINVALID {
		t.Fatalf("bad positions: %v", err)
	}
	fields := map[string]bool{}
	for _, f := range accord.ErrorFields(err) {
		fields[f.Field] = true
	}
	if !fields["positions[2].title"] || !fields["positions[2].from"] {
		t.Errorf("fields named: %v", fields)
	}
	after, _ := db.GetPerson(ctx, p.ID)
	if len(after.Positions) != 1 || after.Version != 2 {
		t.Errorf("refused update changed the record: %+v", after)
	}
	err = db.UpdatePerson(ctx, &accord.Person{ID: p.ID, Version: 2, Name: "X", Positions: []accord.Position{{Title: "X", OrgID: 424242}}})
	if f := accord.ErrorFields(err); len(f) != 1 || f[0].Field != "positions[0].org_id" {
		t.Errorf("unknown organization in position: %v", err)
	}
}
