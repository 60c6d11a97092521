package storetest

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testPartnerScope proves in the store itself that a partner sees only
// records involving its organization.
func testPartnerScope(t *testing.T, db *store.DB) {
	ctx := Admin()
	who := MustCreateOrg(t, db, NewOrg("World Health Organization", "WHO"))
	emro := MustCreateOrg(t, db, &accord.Organization{NameEN: "WHO Regional Office for the Eastern Mediterranean", Acronym: "EMRO", Type: "40", ParentID: &who.ID})
	icrc := MustCreateOrg(t, db, NewOrg("International Committee of the Red Cross", "ICRC"))
	tedros := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: who.ID}}}
	mardini := &accord.Person{Name: "Robert Mardini", Positions: []accord.Position{{Title: "Director-General", OrgID: icrc.ID}}}
	for _, p := range []*accord.Person{tedros, mardini} {
		if err := db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	partner := &accord.User{Email: "focal@who.int", Name: "WHO focal point", Role: accord.RolePartner, OrgID: &who.ID}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	pctx := As(partner)

	orgs, total, err := db.ListOrganizations(pctx, accord.OrganizationFilter{Unlimited: true})
	if err != nil || total != 2 {
		t.Fatalf("partner org list: total %d, %v", total, err)
	}
	for _, o := range orgs {
		if o.ID == icrc.ID {
			t.Error("partner sees ICRC in the list")
		}
	}
	if _, total, _ := db.ListOrganizations(pctx, accord.OrganizationFilter{Q: "red cross"}); total != 0 {
		t.Error("partner finds ICRC by search")
	}
	if _, err := db.GetOrganization(pctx, icrc.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads ICRC by id: %v", err)
	}
	if _, err := db.GetOrganization(pctx, emro.ID); err != nil {
		t.Errorf("partner cannot read its own regional office: %v", err)
	}
	people, total, _ := db.ListPeople(pctx, accord.PersonFilter{})
	if total != 1 || people[0].ID != tedros.ID {
		t.Errorf("partner people: total %d", total)
	}
	if _, err := db.GetPerson(pctx, mardini.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads ICRC's director-general: %v", err)
	}
	// Someone who works for both: the partner sees the person and the WHO
	// position, not where else they work, and cannot find them by that.
	both := &accord.Person{Name: "Shared Adviser", Positions: []accord.Position{
		{Title: "Adviser", OrgID: who.ID}, {Title: "Legal Adviser", OrgID: icrc.ID}}}
	if err := db.CreatePerson(ctx, both); err != nil {
		t.Fatal(err)
	}
	seen, err := db.GetPerson(pctx, both.ID)
	if err != nil || len(seen.Positions) != 1 || seen.Positions[0].OrgID != who.ID {
		t.Errorf("partner sees positions %+v (%v); want only the WHO one", seen, err)
	}
	if list, _, _ := db.ListPeople(pctx, accord.PersonFilter{Q: "adviser"}); len(list) != 1 || len(list[0].Positions) != 1 {
		t.Errorf("partner list shows other organizations' positions")
	}
	if _, total, _ := db.ListPeople(pctx, accord.PersonFilter{Q: "red cross"}); total != 0 {
		t.Errorf("partner finds people by another organization's name: %d", total)
	}
	if err := db.UpdateOrganization(pctx, who); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("partner edits: %v", err)
	}
}
