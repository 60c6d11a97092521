package api

import (
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestSearch(t *testing.T) {
	e := newEnv(t)
	who := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé", Acronym: "WHO", Type: "40"})
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg("International Committee of the Red Cross", "ICRC"))
	hits, total := listOf[accord.SearchHit](e.do("GET", "/api/v1/search?q=sante", e.adminT, nil).want(200))
	if total != 1 || len(hits) != 1 || hits[0].Kind != "organization" || hits[0].ID != who.ID {
		t.Errorf("search sante: %+v (%d)", hits, total)
	}
	_, partnerT := e.user("focal@who.int", accord.RolePartner, &who.ID)
	if _, total := listOf[accord.SearchHit](e.do("GET", "/api/v1/search?q=red+cross", partnerT, nil).want(200)); total != 0 {
		t.Errorf("a WHO partner finds ICRC: %d", total)
	}
	if p := e.do("GET", "/api/v1/search", e.adminT, nil).want(400).problem(); len(p.Errors) != 1 || p.Errors[0].Field != "q" {
		t.Errorf("no q: %+v", p)
	}
	e.do("GET", "/api/v1/search?q=x&per_kind=500", e.adminT, nil).want(400)
	e.do("GET", "/api/v1/search?q=x&sort=name", e.adminT, nil).want(400)
	e.do("GET", "/api/v1/search?q=x", "", nil).want(401)
}
