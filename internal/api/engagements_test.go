package api

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// geneva is the seed release's world: OIC, WHO, ICRC and an official of each.
type geneva struct {
	oic, who, icrc           *accord.Organization
	bakhiet, tedros, mardini *accord.Person
}

func (e *env) geneva() geneva {
	e.t.Helper()
	g := geneva{
		oic:  e.org("Organisation of Islamic Cooperation", "OIC"),
		who:  e.org("World Health Organization", "WHO"),
		icrc: e.org("International Committee of the Red Cross", "ICRC"),
	}
	g.bakhiet = &accord.Person{Name: "Tarig Ali Bakhiet", Positions: []accord.Position{{Title: "Assistant Secretary-General", OrgID: g.oic.ID}}}
	g.tedros = &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: g.who.ID}}}
	g.mardini = &accord.Person{Name: "Robert Mardini", Positions: []accord.Position{{Title: "Director-General", OrgID: g.icrc.ID}}}
	for _, p := range []*accord.Person{g.bakhiet, g.tedros, g.mardini} {
		e.do("POST", "/api/v1/people", e.adminT, p).want(201).json(p)
	}
	return g
}

// whoMeeting is the OIC–WHO meeting of 22 July 2022 as a client sends it.
func (g geneva) whoMeeting() map[string]any {
	return map[string]any{
		"kind": "meeting", "title": "OIC–WHO meeting on health cooperation", "date": "2022-07-22", "city": "Geneva", "country": "ch",
		"summary": "Resource mobilization for the health sector in Afghanistan and the Sahel; access to COVID-19 vaccines.",
		"topics":  []string{"COVID-19 vaccines", "medical supplies"},
		"participants": []map[string]any{
			{"person_id": g.bakhiet.ID, "org_id": g.oic.ID, "title": "Assistant Secretary-General"},
			{"person_id": g.tedros.ID, "org_id": g.who.ID, "title": "Director-General"},
		},
		"sources": []map[string]any{{"title": "OIC, WHO enhance cooperation in health sector", "url": "https://example.org/oic-who"}},
	}
}

// icrcMeeting is the OIC–ICRC meeting, with nothing of WHO's in it.
func (g geneva) icrcMeeting() map[string]any {
	return map[string]any{
		"kind": "meeting", "title": "OIC–ICRC meeting on international humanitarian law", "date": "2022-07-21", "city": "Geneva", "country": "CH",
		"summary": "A signed cooperation agreement and work plan; seminars on humanitarian law.",
		"participants": []map[string]any{
			{"person_id": g.bakhiet.ID, "org_id": g.oic.ID, "title": "Assistant Secretary-General"},
			{"person_id": g.mardini.ID, "org_id": g.icrc.ID, "title": "Director-General"},
		},
	}
}

// engagement creates an engagement through the API.
func (e *env) engagement(token string, body any) *accord.Engagement {
	e.t.Helper()
	var eng accord.Engagement
	e.do("POST", "/api/v1/engagements", token, body).want(201).json(&eng)
	return &eng
}

func TestEngagementLifecycle(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)

	// Create: the participants' organizations join the engagement's.
	r := e.do("POST", "/api/v1/engagements", officerT, g.whoMeeting()).want(201)
	var m accord.Engagement
	r.json(&m)
	path := fmt.Sprintf("/api/v1/engagements/%d", m.ID)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	if m.Version != 1 || m.Country != "CH" || m.DatePrecision != "day" || len(m.Organizations) != 2 || len(m.Participants) != 2 ||
		m.Participants[1].PersonName != "Tedros Adhanom Ghebreyesus" || len(m.Topics) != 2 || len(m.Sources) != 1 {
		t.Fatalf("created %+v", m)
	}

	// Read.
	r = e.do("GET", path, officerT, nil).want(200)
	var got accord.Engagement
	r.json(&got)
	if r.header.Get("ETag") != `"1"` || got.Title != "OIC–WHO meeting on health cooperation" || got.Participants[0].OrgName != "Organisation of Islamic Cooperation" ||
		got.Participants[1].Title != "Director-General" || got.Sources[0].URL != "https://example.org/oic-who" {
		t.Errorf("read %+v, ETag %q", got, r.header.Get("ETag"))
	}

	// Update with If-Match, then with the body's version; an approximate date keeps one spelling.
	got.Outcomes = "Agreed to develop a new MoU and a plan of action."
	e.do("PUT", path, officerT, got, "If-Match", `"1"`).want(200).json(&got)
	got.DatePrecision, got.Date = "month", "2022-07-22"
	r = e.do("PUT", path, officerT, got).want(200)
	r.json(&got)
	if got.Version != 3 || r.header.Get("ETag") != `"3"` || got.Date != "2022-07-01" || got.Outcomes == "" || len(got.Participants) != 2 {
		t.Errorf("after updates: %+v, ETag %q", got, r.header.Get("ETag"))
	}

	// Stale and missing versions.
	stale := got
	stale.Title = "Someone else's title"
	p := e.do("PUT", path, officerT, stale, "If-Match", `"2"`).want(412).problem()
	if !strings.Contains(p.Detail, "version 3") {
		t.Errorf("412 detail %q", p.Detail)
	}
	stale.Version = 1
	e.do("PUT", path, officerT, stale).want(409).problem()
	stale.Version = 0
	e.do("PUT", path, officerT, stale).want(428).problem()
	e.do("DELETE", path, officerT, nil).want(428).problem()
	e.do("DELETE", path, officerT, nil, "If-Match", `"2"`).want(412).problem()
	e.do("GET", path, officerT, nil).want(200).json(&got)
	if got.Title != "OIC–WHO meeting on health cooperation" || got.Version != 3 {
		t.Errorf("a refused change went through: %+v", got)
	}

	// An engagement that action points come from cannot be deleted.
	e.do("POST", "/api/v1/action-points", officerT, map[string]any{"engagement_id": m.ID, "text": "Develop a new memorandum of understanding"}).want(201)
	p = e.do("DELETE", path, officerT, nil, "If-Match", `"3"`).want(409).problem()
	if !strings.Contains(p.Detail, "action points") {
		t.Errorf("409 detail %q does not say why", p.Detail)
	}

	// One without: deleted for good, by If-Match or by the body's version.
	other := e.engagement(officerT, map[string]any{"kind": "call", "title": "Call with WHO", "date": "2022-06-01",
		"organizations": []map[string]any{{"org_id": g.who.ID}}})
	otherPath := fmt.Sprintf("/api/v1/engagements/%d", other.ID)
	r = e.do("DELETE", otherPath, officerT, nil, "If-Match", `"1"`).want(204)
	if len(r.body) != 0 || r.header.Get("ETag") != "" {
		t.Errorf("204 with body %q, ETag %q", r.body, r.header.Get("ETag"))
	}
	e.do("GET", otherPath, officerT, nil).want(404).problem()
	third := e.engagement(officerT, map[string]any{"kind": "visit", "title": "Visit to Jeddah", "date": "2022-05-17", "date_precision": "year"})
	if third.Date != "2022-01-01" {
		t.Errorf("a date known to the year is %q", third.Date)
	}
	e.do("DELETE", fmt.Sprintf("/api/v1/engagements/%d", third.ID), officerT, map[string]int{"version": 1}).want(204)
}

// TestEngagementEmptyLists: lists left out come back as [], on create as on read.
func TestEngagementEmptyLists(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/api/v1/engagements", e.adminT, map[string]any{"kind": "conference", "title": "World Health Assembly", "date": "2022-05-22"}).want(201)
	for _, field := range []string{`"topics":[]`, `"organizations":[]`, `"participants":[]`, `"sources":[]`} {
		if !strings.Contains(string(r.body), field) {
			t.Errorf("create answer lacks %s: %s", field, r.body)
		}
	}
}

func TestEngagementValidation(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	body := func(change func(m map[string]any)) map[string]any {
		m := g.whoMeeting()
		change(m)
		return m
	}
	for _, c := range []struct {
		name  string
		body  any
		field string
	}{
		{"unknown kind", body(func(m map[string]any) { m["kind"] = "party" }), "kind"},
		{"impossible date", body(func(m map[string]any) { m["date"] = "2022-02-30" }), "date"},
		{"date in another format", body(func(m map[string]any) { m["date"] = "22/07/2022" }), "date"},
		{"no date", body(func(m map[string]any) { delete(m, "date") }), "date"},
		{"unknown precision", body(func(m map[string]any) { m["date_precision"] = "week" }), "date_precision"},
		{"no title", body(func(m map[string]any) { m["title"] = " " }), "title"},
		{"unknown country", body(func(m map[string]any) { m["country"] = "ZZ" }), "country"},
		{"unknown person", body(func(m map[string]any) {
			m["participants"] = []map[string]any{{"person_id": 999999, "title": "Nobody"}}
		}), "participants[0].person_id"},
		{"second participant without person", body(func(m map[string]any) {
			m["participants"] = []map[string]any{{"person_id": g.tedros.ID}, {"title": "Somebody"}}
		}), "participants[1].person_id"},
		{"unknown organization", body(func(m map[string]any) { m["organizations"] = []map[string]any{{"org_id": 999999}} }), "organizations"},
		{"bad source address", body(func(m map[string]any) {
			m["sources"] = []map[string]any{{"title": "x", "url": "javascript:alert(1)"}}
		}), "sources[0].url"},
		{"unknown field", body(func(m map[string]any) { m["venue"] = "WHO headquarters" }), "venue"},
		{"wrong type", body(func(m map[string]any) { m["topics"] = "vaccines" }), "topics"},
	} {
		p := e.do("POST", "/api/v1/engagements", e.adminT, c.body).want(400).problem()
		if !p.names(c.field) {
			t.Errorf("%s: problem names %v, not %s", c.name, p.fields(), c.field)
		}
	}
	p := e.do("POST", "/api/v1/engagements", e.adminT, `{"kind": "meeting", "title": }`).want(400).problem()
	if !strings.Contains(p.Detail, "line 1") {
		t.Errorf("malformed JSON: detail %q does not say where", p.Detail)
	}
	e.do("POST", "/api/v1/engagements", e.adminT, "kind=meeting", "Content-Type", "application/x-www-form-urlencoded").want(415).problem()

	// Every fault of one body in one answer.
	p = e.do("POST", "/api/v1/engagements", e.adminT, map[string]any{"kind": "lunch", "title": "", "date": "soon"}).want(400).problem()
	for _, f := range []string{"kind", "title", "date"} {
		if !p.names(f) {
			t.Errorf("problem does not name %s: %v", f, p.fields())
		}
	}

	// PUT is checked the same way, and the body's id must be the path's.
	m := e.engagement(e.adminT, g.whoMeeting())
	path := fmt.Sprintf("/api/v1/engagements/%d", m.ID)
	bad := *m
	bad.Participants = []accord.Participant{{PersonID: 999999}}
	if p := e.do("PUT", path, e.adminT, bad).want(400).problem(); !p.names("participants[0].person_id") {
		t.Errorf("PUT unknown person: %v", p.fields())
	}
	bad = *m
	bad.ID++
	if p := e.do("PUT", path, e.adminT, bad).want(400).problem(); !p.names("id") {
		t.Errorf("id mismatch: %v", p.fields())
	}
	e.do("GET", "/api/v1/engagements/abc", e.adminT, nil).want(400)
	e.do("GET", "/api/v1/engagements/999999", e.adminT, nil).want(404)
	if _, total := listOf[accord.Engagement](e.do("GET", "/api/v1/engagements", e.adminT, nil).want(200)); total != 1 {
		t.Errorf("refused writes created records: total %d", total)
	}

	// Query parameters.
	for query, field := range map[string]string{
		"kind=party":                     "kind",
		"from=2022-13-01":                "from",
		"to=22-07-01":                    "to",
		"from=2022-08-01&to=2022-07-01":  "to",
		"country=CHE":                    "country",
		"org_id=who":                     "org_id",
		"person_id=0":                    "person_id",
		"per_page=500":                   "per_page",
		"sort=date":                      "sort",
		"date=2022-07-22":                "date",
		"q=a&q=b":                        "q",
		"from=2022-07-22T00:00:00Z&to=x": "from",
	} {
		p := e.do("GET", "/api/v1/engagements?"+query, e.adminT, nil).want(400).problem()
		if !p.names(field) {
			t.Errorf("?%s: problem names %v, not %s", query, p.fields(), field)
		}
	}
}

func TestEngagementList(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	iom := e.org("International Organization for Migration", "IOM")
	whoM := e.engagement(e.adminT, g.whoMeeting())
	icrcM := e.engagement(e.adminT, g.icrcMeeting())
	iomM := e.engagement(e.adminT, map[string]any{"kind": "meeting", "title": "OIC–IOM meeting on migration", "date": "2022-07-20", "city": "Geneva", "country": "CH",
		"topics": []string{"migration"}, "organizations": []map[string]any{{"org_id": g.oic.ID}, {"org_id": iom.ID}}})
	call := e.engagement(e.adminT, map[string]any{"kind": "call", "title": "Call on vaccine access", "date": "2021-03-01", "country": "SA",
		"participants": []map[string]any{{"person_id": g.tedros.ID, "org_id": g.who.ID}}})

	for _, c := range []struct {
		query string
		want  []int64 // in order, newest first
	}{
		{"", []int64{whoM.ID, icrcM.ID, iomM.ID, call.ID}},
		{"?kind=call", []int64{call.ID}},
		{"?kind=meeting&country=ch", []int64{whoM.ID, icrcM.ID, iomM.ID}},
		{"?country=SA", []int64{call.ID}},
		{fmt.Sprintf("?org_id=%d", g.who.ID), []int64{whoM.ID, call.ID}},
		{fmt.Sprintf("?org_id=%d", iom.ID), []int64{iomM.ID}},
		{fmt.Sprintf("?person_id=%d", g.tedros.ID), []int64{whoM.ID, call.ID}},
		{fmt.Sprintf("?person_id=%d", g.mardini.ID), []int64{icrcM.ID}},
		{"?from=2022-07-21", []int64{whoM.ID, icrcM.ID}},
		{"?to=2022-07-20", []int64{iomM.ID, call.ID}},
		{"?from=2022-07-21&to=2022-07-21", []int64{icrcM.ID}},
		{"?q=vaccine", []int64{whoM.ID, call.ID}},
		{"?q=" + url.QueryEscape("humanitarian law"), []int64{icrcM.ID}},
		{"?q=ghebreyesus", []int64{whoM.ID, call.ID}},
		{"?q=migration&kind=call", nil},
		{"?per_page=2&page=2", []int64{iomM.ID, call.ID}},
		{"?per_page=3&page=2", []int64{call.ID}},
		{"?page=9", nil},
	} {
		items, total := listOf[accord.Engagement](e.do("GET", "/api/v1/engagements"+c.query, e.adminT, nil).want(200))
		var ids []int64
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		wantTotal := len(c.want)
		if strings.Contains(c.query, "page=") {
			wantTotal = 4
		}
		if fmt.Sprint(ids) != fmt.Sprint(c.want) || total != wantTotal {
			t.Errorf("engagements%s: %v (total %d), want %v (total %d)", c.query, ids, total, c.want, wantTotal)
		}
	}
	// Lists carry the organizations, with names.
	items, _ := listOf[accord.Engagement](e.do("GET", fmt.Sprintf("/api/v1/engagements?org_id=%d&kind=meeting", g.who.ID), e.adminT, nil).want(200))
	if len(items) != 1 || len(items[0].Organizations) != 2 || items[0].Organizations[1].Name != "World Health Organization (WHO)" {
		t.Errorf("organizations in the list: %+v", items)
	}
}
