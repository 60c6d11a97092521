package api

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestOrganizationLifecycle(t *testing.T) {
	e := newEnv(t)
	_, editorT := e.user("editor@example.org", accord.RoleEditor, nil)

	// Create.
	r := e.do("POST", "/api/v1/organizations", editorT, map[string]any{
		"name_en": "World Health Organization", "name_fr": "Organisation mondiale de la Santé", "acronym": "WHO",
		"type": "40", "iati_id": "XM-DAC-928", "hq_country": "ch", "website": "https://www.who.int",
	}).want(201)
	var who accord.Organization
	r.json(&who)
	if who.ID == 0 || who.Version != 1 || who.HQCountry != "CH" || who.CreatedAt.IsZero() {
		t.Fatalf("created %+v", who)
	}
	path := "/api/v1/organizations/" + strconv.FormatInt(who.ID, 10)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}

	// Read.
	r = e.do("GET", path, editorT, nil).want(200)
	var got accord.Organization
	r.json(&got)
	if got.NameFR != "Organisation mondiale de la Santé" || r.header.Get("ETag") != `"1"` {
		t.Errorf("read %+v, ETag %q", got, r.header.Get("ETag"))
	}

	// Update with If-Match, in each accepted spelling.
	for i, tag := range []string{`"1"`, `2`, `W/"3"`} {
		got.Acronym = fmt.Sprintf("WHO%d", i)
		r = e.do("PUT", path, editorT, got, "If-Match", tag).want(200)
		r.json(&got)
		if want := i + 2; got.Version != want || r.header.Get("ETag") != fmt.Sprintf(`"%d"`, want) {
			t.Fatalf("after If-Match %s: version %d, ETag %s", tag, got.Version, r.header.Get("ETag"))
		}
	}
	// Update with the body's version.
	got.Website = "https://www.who.int/en"
	e.do("PUT", path, editorT, got).want(200).json(&got)
	if got.Version != 5 {
		t.Errorf("version %d after body-versioned update", got.Version)
	}

	// Archive and restore need a version too.
	p := e.do("DELETE", path, editorT, nil).want(428).problem()
	if !strings.Contains(p.Detail, "If-Match") {
		t.Errorf("428 detail %q does not say what to send", p.Detail)
	}
	e.do("DELETE", path, editorT, nil, "If-Match", `"4"`).want(412).problem()
	r = e.do("DELETE", path, editorT, nil, "If-Match", `"5"`).want(200)
	r.json(&got)
	if !got.Archived || got.Version != 6 || r.header.Get("ETag") != `"6"` {
		t.Errorf("archived %+v", got)
	}
	if _, total := listOf[accord.Organization](e.do("GET", "/api/v1/organizations", editorT, nil).want(200)); total != 0 {
		t.Errorf("archived organization still among active ones")
	}
	items, total := listOf[accord.Organization](e.do("GET", "/api/v1/organizations?archived=true", editorT, nil).want(200))
	if total != 1 || items[0].ID != who.ID {
		t.Errorf("archived list: %d", total)
	}
	// Records are never erased: the archived one is still readable.
	e.do("GET", path, editorT, nil).want(200)
	e.do("POST", path+"/restore", editorT, map[string]int{"version": 6}).want(200).json(&got)
	if got.Archived || got.Version != 7 {
		t.Errorf("restored %+v", got)
	}
}

// TestNoSilentOverwrite plays two people editing the same record: the
// second writer is refused and the first writer's change stays.
func TestNoSilentOverwrite(t *testing.T) {
	e := newEnv(t)
	iom := e.org("International Organization for Migration", "IOM")
	path := fmt.Sprintf("/api/v1/organizations/%d", iom.ID)
	var first, second accord.Organization
	e.do("GET", path, e.adminT, nil).want(200).json(&first)
	e.do("GET", path, e.adminT, nil).want(200).json(&second)

	first.Website = "https://www.iom.int"
	e.do("PUT", path, e.adminT, first, "If-Match", `"1"`).want(200)

	second.Acronym = "OIM"
	p := e.do("PUT", path, e.adminT, second, "If-Match", `"1"`).want(412).problem()
	if p.Type != "https://accord.dev/problems/precondition_failed" || !strings.Contains(p.Detail, "version 2") {
		t.Errorf("412 problem %+v", p)
	}
	e.do("PUT", path, e.adminT, second).want(409).problem() // the body's stale version 1
	second.Version = 0
	e.do("PUT", path, e.adminT, second).want(428).problem()
	e.do("DELETE", path, e.adminT, nil, "If-Match", `"1"`).want(412)
	e.do("DELETE", path, e.adminT, map[string]int{"version": 1}).want(409)

	var now accord.Organization
	e.do("GET", path, e.adminT, nil).want(200).json(&now)
	if now.Website != "https://www.iom.int" || now.Acronym != "IOM" || now.Version != 2 || now.Archived {
		t.Errorf("the first writer's change was lost: %+v", now)
	}
}

func TestOrganizationValidation(t *testing.T) {
	e := newEnv(t)
	p := e.do("POST", "/api/v1/organizations", e.adminT, map[string]any{"name_en": " ", "type": "99", "website": "javascript:alert(1)"}).want(400).problem()
	for _, f := range []string{"name_en", "website"} {
		if !p.names(f) {
			t.Errorf("problem does not name %s: %+v", f, p.Errors)
		}
	}
	p = e.do("POST", "/api/v1/organizations", e.adminT, map[string]any{"name_en": "X", "type": "99"}).want(400).problem()
	if !p.names("type") {
		t.Errorf("unknown type code not named: %+v", p.Errors)
	}
	who := e.org("World Health Organization", "WHO")
	who.ParentID = &who.ID
	p = e.do("PUT", fmt.Sprintf("/api/v1/organizations/%d", who.ID), e.adminT, who).want(400).problem()
	if !p.names("parent_id") {
		t.Errorf("own parent not named: %+v", p.Errors)
	}
	// The body's id must be the path's.
	p = e.do("PUT", fmt.Sprintf("/api/v1/organizations/%d", who.ID), e.adminT, map[string]any{"id": who.ID + 1, "version": 1, "name_en": "X", "type": "40"}).want(400).problem()
	if !p.names("id") {
		t.Errorf("id mismatch not named: %+v", p.Errors)
	}
	if _, total := listOf[accord.Organization](e.do("GET", "/api/v1/organizations", e.adminT, nil)); total != 1 {
		t.Errorf("refused writes created records: total %d", total)
	}
}

func TestOrganizationList(t *testing.T) {
	e := newEnv(t)
	who := e.org("World Health Organization", "WHO")
	e.org("International Committee of the Red Cross", "ICRC")
	for i := range 12 {
		e.org(fmt.Sprintf("Zeta Foundation %02d", i), "")
	}
	emro := &accord.Organization{NameEN: "WHO Regional Office for the Eastern Mediterranean", Acronym: "EMRO", Type: "40", HQCountry: "EG", ParentID: &who.ID}
	e.do("POST", "/api/v1/organizations", e.adminT, emro).want(201).json(emro)

	for _, c := range []struct {
		query string
		total int
		first string
	}{
		{"", 15, "International Committee of the Red Cross"},
		{"?q=red+cross", 1, "International Committee of the Red Cross"},
		{"?q=zeta&sort=-name&per_page=5&page=2", 12, "Zeta Foundation 06"},
		{"?country=eg", 1, "WHO Regional Office for the Eastern Mediterranean"},
		{fmt.Sprintf("?parent_id=%d", who.ID), 1, "WHO Regional Office for the Eastern Mediterranean"},
		{"?type=21", 0, ""},
		{"?q=nothing-like-this", 0, ""},
	} {
		items, total := listOf[accord.Organization](e.do("GET", "/api/v1/organizations"+c.query, e.adminT, nil).want(200))
		if total != c.total || (c.first != "" && (len(items) == 0 || items[0].NameEN != c.first)) {
			t.Errorf("%s: total %d, items %d", c.query, total, len(items))
		}
	}
	items, _ := listOf[accord.Organization](e.do("GET", "/api/v1/organizations?per_page=200", e.adminT, nil).want(200))
	if len(items) != 15 {
		t.Errorf("per_page=200: %d items", len(items))
	}
	items, _ = listOf[accord.Organization](e.do("GET", "/api/v1/organizations?page=9", e.adminT, nil).want(200))
	if len(items) != 0 {
		t.Errorf("page past the end: %d items", len(items))
	}
}
