package api

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestCountries(t *testing.T) {
	e := newEnv(t)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	items, total := listOf[accord.Country](e.do("GET", "/api/v1/countries", viewerT, nil).want(200))
	if total < 249 || len(items) != total {
		t.Errorf("countries: %d items of %d, want all of at least 249", len(items), total)
	}
	for _, c := range []struct {
		q    string
		want string
	}{
		{"af", "AF"},
		{"afghan", "AF"},
		{"Suisse", "CH"},
		{"أفغانستان", "AF"},
		{"cote d'ivoire", "CI"},
	} {
		items, _ := listOf[accord.Country](e.do("GET", "/api/v1/countries?q="+url.QueryEscape(c.q), viewerT, nil).want(200))
		if !slices.ContainsFunc(items, func(x accord.Country) bool { return x.Code == c.want }) {
			t.Errorf("q=%s does not find %s", c.q, c.want)
		}
	}
	items, total = listOf[accord.Country](e.do("GET", "/api/v1/countries?per_page=10&page=2", viewerT, nil).want(200))
	if len(items) != 10 || total < 249 {
		t.Errorf("page 2 of 10: %d items, total %d", len(items), total)
	}
	var ch accord.Country
	e.do("GET", "/api/v1/countries/ch", viewerT, nil).want(200).json(&ch)
	if ch.Code != "CH" || ch.NameFR != "Suisse" || ch.NameAR == "" {
		t.Errorf("CH: %+v", ch)
	}
	e.do("GET", "/api/v1/countries/ZZ", viewerT, nil).want(404).problem()
	e.do("GET", "/api/v1/countries/CHE", viewerT, nil).want(400).problem()
	e.do("GET", "/api/v1/countries?per_page=500", viewerT, nil).want(400)
	e.do("GET", "/api/v1/countries", "", nil).want(401)
}

func TestCodes(t *testing.T) {
	e := newEnv(t)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	for list, code := range map[string]string{"org-types": "40", "sectors": "12250", "sector-categories": "122", "currencies": "SAR"} {
		items, total := listOf[accord.Code](e.do("GET", "/api/v1/codes/"+list, viewerT, nil).want(200))
		if total != len(items) || !slices.ContainsFunc(items, func(c accord.Code) bool { return c.Code == code }) {
			t.Errorf("%s lacks %s (%d items)", list, code, total)
		}
	}
	items, _ := listOf[accord.Code](e.do("GET", "/api/v1/codes/sectors?category=122", viewerT, nil).want(200))
	if len(items) == 0 || slices.ContainsFunc(items, func(c accord.Code) bool { return c.Category != "122" }) {
		t.Errorf("category filter: %+v", items)
	}
	items, _ = listOf[accord.Code](e.do("GET", "/api/v1/codes/currencies?q=riyal", viewerT, nil).want(200))
	if !slices.ContainsFunc(items, func(c accord.Code) bool { return c.Code == "SAR" }) {
		t.Errorf("q=riyal: %+v", items)
	}
	e.do("GET", "/api/v1/codes/org_types", viewerT, nil).want(404).problem()
	e.do("GET", "/api/v1/codes/sectors?lang=fr", viewerT, nil).want(400).problem()
}

func TestCountryGroups(t *testing.T) {
	e := newEnv(t)
	_, editorT := e.user("editor@example.org", accord.RoleEditor, nil)
	groups, total := listOf[accord.CountryGroup](e.do("GET", "/api/v1/country-groups", editorT, nil).want(200))
	i := slices.IndexFunc(groups, func(g accord.CountryGroup) bool { return g.Code == "OIC" })
	if i < 0 || len(groups[i].Members) != 57 || !groups[i].BuiltIn || total != len(groups) {
		t.Fatalf("OIC group missing or wrong: %d groups", total)
	}
	oic := groups[i]
	if items, _ := listOf[accord.CountryGroup](e.do("GET", "/api/v1/country-groups?q=sahel", editorT, nil).want(200)); len(items) == 0 {
		t.Errorf("q=sahel finds nothing")
	}

	// Only administrators define groups, and built-in ones cannot change.
	g5 := map[string]any{"code": "g5", "name_en": "G5 Sahel", "members": []string{"ml", "NE", "bf", "TD", "MR"}}
	e.do("POST", "/api/v1/country-groups", editorT, g5).want(403)
	r := e.do("POST", "/api/v1/country-groups", e.adminT, g5).want(201)
	var g accord.CountryGroup
	r.json(&g)
	path := fmt.Sprintf("/api/v1/country-groups/%d", g.ID)
	if g.Code != "G5" || len(g.Members) != 5 || g.Members[0] != "BF" || r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("created %+v", g)
	}
	e.do("PUT", fmt.Sprintf("/api/v1/country-groups/%d", oic.ID), e.adminT, oic).want(403)
	e.do("DELETE", fmt.Sprintf("/api/v1/country-groups/%d", oic.ID), e.adminT, nil, "If-Match", fmt.Sprint(oic.Version)).want(403)

	g.Members = append(g.Members, "XX")
	if p := e.do("PUT", path, e.adminT, g).want(400).problem(); !p.names("members") {
		t.Errorf("unknown member: %v", p.fields())
	}
	g.Members = g.Members[:4]
	e.do("PUT", path, e.adminT, g, "If-Match", `"1"`).want(200).json(&g)
	if g.Version != 2 || len(g.Members) != 4 {
		t.Errorf("updated %+v", g)
	}
	e.do("GET", path, editorT, nil).want(200)
	e.do("DELETE", path, e.adminT, nil).want(428)
	e.do("DELETE", path, e.adminT, nil, "If-Match", `"1"`).want(412)
	e.do("DELETE", path, e.adminT, nil, "If-Match", `"2"`).want(204)
	e.do("GET", path, editorT, nil).want(404)
}
