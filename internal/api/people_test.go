package api

import (
	"fmt"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestPeopleWithPositions(t *testing.T) {
	e := newEnv(t)
	oic := e.org("Organisation of Islamic Cooperation", "OIC")
	who := e.org("World Health Organization", "WHO")

	// One person, two positions held at once.
	r := e.do("POST", "/api/v1/people", e.adminT, map[string]any{
		"name": "Tarig Ali Bakhiet", "honorific": "Ambassador",
		"positions": []map[string]any{
			{"title": "Assistant Secretary-General for Humanitarian, Cultural and Social Affairs", "org_id": oic.ID, "from": "2019-01-01"},
			{"title": "Special Envoy of the Secretary-General to Afghanistan", "org_id": oic.ID, "from": "2022-01-01"},
		},
	}).want(201)
	var p accord.Person
	r.json(&p)
	path := fmt.Sprintf("/api/v1/people/%d", p.ID)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` || len(p.Positions) != 2 {
		t.Fatalf("created %+v, headers %v", p, r.header)
	}
	e.do("GET", path, e.adminT, nil).want(200).json(&p)
	if len(p.Positions) != 2 || p.Positions[1].OrgName != "Organisation of Islamic Cooperation" || p.Positions[0].From != "2019-01-01" {
		t.Errorf("positions read back: %+v", p.Positions)
	}

	// Lists find people by position and by organization.
	if items, total := listOf[accord.Person](e.do("GET", "/api/v1/people?q=envoy+afghanistan", e.adminT, nil).want(200)); total != 1 || len(items[0].Positions) != 2 {
		t.Errorf("search by position title: total %d", total)
	}
	if _, total := listOf[accord.Person](e.do("GET", fmt.Sprintf("/api/v1/people?org_id=%d", oic.ID), e.adminT, nil).want(200)); total != 1 {
		t.Errorf("filter by organization: total %d", total)
	}
	if _, total := listOf[accord.Person](e.do("GET", fmt.Sprintf("/api/v1/people?org_id=%d", who.ID), e.adminT, nil).want(200)); total != 0 {
		t.Errorf("filter by another organization: total %d", total)
	}

	// PUT replaces the positions.
	p.Positions = []accord.Position{{Title: "Special Envoy to Afghanistan", OrgID: oic.ID, From: "2022-01-01", To: "2025-12-31"}}
	e.do("PUT", path, e.adminT, p, "If-Match", `"1"`).want(200).json(&p)
	if len(p.Positions) != 1 || p.Positions[0].To != "2025-12-31" || p.Version != 2 {
		t.Errorf("after update: %+v", p)
	}

	// A bad position is named by its index; nothing is saved.
	bad := p
	bad.Positions = append(bad.Positions, accord.Position{Title: "", OrgID: 424242, From: "2020-13-01"})
	pr := e.do("PUT", path, e.adminT, bad).want(400).problem()
	for _, f := range []string{"positions[1].title", "positions[1].from"} {
		if !pr.names(f) {
			t.Errorf("problem does not name %s: %v", f, pr.fields())
		}
	}
	bad.Positions = []accord.Position{{Title: "X", OrgID: 424242}}
	if pr := e.do("PUT", path, e.adminT, bad).want(400).problem(); !pr.names("positions[0].org_id") {
		t.Errorf("unknown organization not named: %v", pr.fields())
	}
	if pr := e.do("POST", "/api/v1/people", e.adminT, map[string]any{"name": ""}).want(400).problem(); !pr.names("name") {
		t.Errorf("missing name not named: %v", pr.fields())
	}

	// Archive and restore.
	e.do("DELETE", path, e.adminT, nil, "If-Match", `"2"`).want(200).json(&p)
	if !p.Archived || p.Version != 3 {
		t.Errorf("archived %+v", p)
	}
	if _, total := listOf[accord.Person](e.do("GET", "/api/v1/people", e.adminT, nil)); total != 0 {
		t.Errorf("archived person listed")
	}
	if _, total := listOf[accord.Person](e.do("GET", "/api/v1/people?archived=true&sort=-updated", e.adminT, nil)); total != 1 {
		t.Errorf("archived person not listed with archived=true")
	}
	e.do("POST", path+"/restore", e.adminT, nil).want(428)
	e.do("POST", path+"/restore", e.adminT, nil, "If-Match", `"2"`).want(412)
	e.do("POST", path+"/restore", e.adminT, nil, "If-Match", `"3"`).want(200).json(&p)
	if p.Archived || len(p.Positions) != 1 {
		t.Errorf("restored %+v", p)
	}
}
