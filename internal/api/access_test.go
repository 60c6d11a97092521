package api

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestPartnerSeesOnlyItsOrganization: a WHO focal point (role partner) must
// not see ICRC, or ICRC's people, through any list, detail or search of the API.
func TestPartnerSeesOnlyItsOrganization(t *testing.T) {
	e := newEnv(t)
	who := e.org("World Health Organization", "WHO")
	emro := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "WHO Regional Office for the Eastern Mediterranean", Acronym: "EMRO", Type: "40", HQCountry: "EG", ParentID: &who.ID})
	icrc := e.org("International Committee of the Red Cross", "ICRC")
	delegation := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "ICRC Delegation in Kabul", Acronym: "ICRC-AF", Type: "21", HQCountry: "AF", ParentID: &icrc.ID})
	oldICRC := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "Red Cross Archive Office", Type: "21", HQCountry: "CH", ParentID: &icrc.ID})
	if _, err := e.db.ArchiveOrganization(storetest.Admin(), oldICRC.ID, oldICRC.Version, true); err != nil {
		t.Fatal(err)
	}
	tedros := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: who.ID}}}
	mardini := &accord.Person{Name: "Robert Mardini", Email: "rmardini@icrc.org", Positions: []accord.Position{{Title: "Director-General", OrgID: icrc.ID}}}
	delegate := &accord.Person{Name: "Head of Delegation", Positions: []accord.Position{{Title: "Head of Delegation Kabul", OrgID: delegation.ID}}}
	for _, p := range []*accord.Person{tedros, mardini, delegate} {
		if err := e.db.CreatePerson(storetest.Admin(), p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.db.ArchivePerson(storetest.Admin(), delegate.ID, delegate.Version, true); err != nil {
		t.Fatal(err)
	}
	_, partnerT := e.user("focal@who.int", accord.RolePartner, &who.ID)

	// Words that only ICRC's records hold.
	secrets := []string{"Red Cross", "ICRC", "Mardini", "icrc.org", "Delegation", "Kabul"}
	leaks := func(r *response) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(string(r.body), s) {
				t.Errorf("answer shows %q: %s", s, r.body)
			}
		}
	}

	orgLists := []struct {
		query string
		total int
	}{
		{"", 2}, // WHO and its regional office
		{"?archived=true", 0},
		{"?per_page=200&sort=-name", 2},
		{"?country=CH", 1},
		{"?country=AF", 0},
		{"?type=21", 0},
		{"?q=red+cross", 0},
		{"?q=icrc", 0},
		{"?q=kabul", 0},
		{"?q=archive&archived=true", 0},
		{fmt.Sprintf("?parent_id=%d", icrc.ID), 0},
		{fmt.Sprintf("?parent_id=%d", who.ID), 1},
	}
	for _, c := range orgLists {
		r := e.do("GET", "/api/v1/organizations"+c.query, partnerT, nil).want(200)
		if _, total := listOf[accord.Organization](r); total != c.total {
			t.Errorf("organizations%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}
	peopleLists := []struct {
		query string
		total int
	}{
		{"", 1}, // Tedros
		{"?archived=true", 0},
		{"?per_page=200&sort=-updated", 1},
		{"?q=mardini", 0},
		{"?q=" + url.QueryEscape("director-general"), 1},
		{"?q=delegation&archived=true", 0},
		{fmt.Sprintf("?org_id=%d", icrc.ID), 0},
		{fmt.Sprintf("?org_id=%d", delegation.ID), 0},
		{fmt.Sprintf("?org_id=%d", who.ID), 1},
	}
	for _, c := range peopleLists {
		r := e.do("GET", "/api/v1/people"+c.query, partnerT, nil).want(200)
		if _, total := listOf[accord.Person](r); total != c.total {
			t.Errorf("people%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}

	// Details: ICRC's records are not found, as if they did not exist.
	for _, path := range []string{
		fmt.Sprintf("/api/v1/organizations/%d", icrc.ID),
		fmt.Sprintf("/api/v1/organizations/%d", delegation.ID),
		fmt.Sprintf("/api/v1/organizations/%d", oldICRC.ID),
		fmt.Sprintf("/api/v1/people/%d", mardini.ID),
		fmt.Sprintf("/api/v1/people/%d", delegate.ID),
		fmt.Sprintf("/api/v1/users/%d", e.admin.ID),
	} {
		r := e.do("GET", path, partnerT, nil).want(404)
		r.problem()
		leaks(r)
	}
	// Its own are found.
	for _, path := range []string{
		fmt.Sprintf("/api/v1/organizations/%d", who.ID),
		fmt.Sprintf("/api/v1/organizations/%d", emro.ID),
		fmt.Sprintf("/api/v1/people/%d", tedros.ID),
	} {
		e.do("GET", path, partnerT, nil).want(200)
	}

	// A partner changes nothing, and the answer is the same for ICRC's records as for WHO's.
	for _, c := range []struct{ method, path string }{
		{"PUT", fmt.Sprintf("/api/v1/organizations/%d", icrc.ID)},
		{"PUT", fmt.Sprintf("/api/v1/organizations/%d", who.ID)},
		{"DELETE", fmt.Sprintf("/api/v1/organizations/%d", icrc.ID)},
		{"POST", fmt.Sprintf("/api/v1/organizations/%d/restore", oldICRC.ID)},
		{"DELETE", fmt.Sprintf("/api/v1/people/%d", mardini.ID)},
	} {
		var r *response
		if c.method == "PUT" {
			r = e.do(c.method, c.path, partnerT, map[string]any{"version": 1, "name_en": "Mine now", "type": "40"})
		} else {
			r = e.do(c.method, c.path, partnerT, nil, "If-Match", `"1"`)
		}
		r.want(403).problem()
		leaks(r)
	}
	e.do("GET", "/api/v1/audit", partnerT, nil).want(403)
	e.do("GET", "/api/v1/users", partnerT, nil).want(403)
	if got, _ := e.db.GetOrganization(storetest.Admin(), icrc.ID); got.NameEN != "International Committee of the Red Cross" || got.Archived {
		t.Errorf("ICRC changed by the partner: %+v", got)
	}
}
