package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// activity creates an activity through the API.
func (e *env) activity(token string, body any) *accord.Activity {
	e.t.Helper()
	var x accord.Activity
	e.do("POST", "/api/v1/activities", token, body).want(201).json(&x)
	return &x
}

// vaccinesBody is WHO's vaccine activity for the Sahel and Afghanistan, as a client sends it.
func (w planWorld) vaccinesBody() map[string]any {
	return map[string]any{
		"plan_id": w.whoPlan.ID, "objective_id": w.whoPlan.Objectives[0].ID, "title": "COVID-19 vaccine access for the Sahel",
		"description": "Doses and cold chain.", "kind": "vaccine_access", "status": 2, "lead_org_id": w.who.ID,
		"implementing": []map[string]any{{"org_id": w.oic.ID}}, "groups": []string{"sahel"}, "countries": []string{"af"},
		"sectors":       []map[string]any{{"code": "12250", "percent": 60}, {"code": "12191", "percent": 40}},
		"planned_start": "2022-10-01", "planned_end": "2023-09-30", "budget": "2,500,000", "currency": "usd",
	}
}

// asMap is v as a JSON object, to edit as a client would.
func asMap(t *testing.T, v any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// copyActivity is a deep copy of what the client holds, to edit.
func copyActivity(x *accord.Activity) *accord.Activity {
	c := *x
	c.Implementing, c.Countries, c.Groups = slices.Clone(x.Implementing), slices.Clone(x.Countries), slices.Clone(x.Groups)
	c.Beneficiaries, c.Sectors = slices.Clone(x.Beneficiaries), slices.Clone(x.Sectors)
	return &c
}

func TestActivityLifecycle(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)

	// Create: codes normalized, names filled, beneficiaries derived from the countries and the Sahel's members.
	r := e.do("POST", "/api/v1/activities", officerT, w.vaccinesBody()).want(201)
	var x accord.Activity
	r.json(&x)
	path := fmt.Sprintf("/api/v1/activities/%d", x.ID)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	if x.Version != 1 || x.Budget != "2500000" || x.Currency != "USD" || !slices.Equal(x.Groups, []string{"SAHEL"}) || !slices.Equal(x.Countries, []string{"AF"}) ||
		x.LeadOrgName != "World Health Organization (WHO)" || x.PlanTitle != w.whoPlan.Title || len(x.Implementing) != 1 ||
		x.Implementing[0].Name != "Organisation of Islamic Cooperation (OIC)" || x.Status != 2 || len(x.Sectors) != 2 {
		t.Fatalf("created %s", r.body)
	}
	for _, c := range []string{"AF", "ML", "NE", "TD"} {
		if !slices.Contains(x.Beneficiaries, c) {
			t.Errorf("beneficiaries %v lack %s", x.Beneficiaries, c)
		}
	}
	if slices.Contains(x.Beneficiaries, "CH") {
		t.Errorf("beneficiaries %v hold CH", x.Beneficiaries)
	}
	// The least of activities: status 1, lists [] rather than null, no beneficiaries.
	r = e.do("POST", "/api/v1/activities", officerT, map[string]any{"plan_id": w.whoPlan.ID, "title": "Scoping mission", "kind": "research", "lead_org_id": w.oic.ID}).want(201)
	var bare accord.Activity
	r.json(&bare)
	for _, s := range []string{`"implementing":[]`, `"countries":[]`, `"groups":[]`, `"sectors":[]`, `"objective_id":null`, `"status":1`} {
		if !strings.Contains(string(r.body), s) {
			t.Errorf("created without %s: %s", s, r.body)
		}
	}
	if strings.Contains(string(r.body), "beneficiary_countries") {
		t.Errorf("empty beneficiaries written: %s", r.body)
	}

	// Read.
	r = e.do("GET", path, officerT, nil).want(200)
	var got accord.Activity
	r.json(&got)
	if r.header.Get("ETag") != `"1"` || !slices.Equal(got.Beneficiaries, x.Beneficiaries) || got.Budget != "2500000" || got.ObjectiveID == nil ||
		*got.ObjectiveID != w.whoPlan.Objectives[0].ID || got.Sectors[0] != (accord.ActivitySector{Code: "12250", Percent: 60}) {
		t.Errorf("read %+v", got)
	}

	// Update: the record as read may be sent back, beneficiaries included,
	// even with its countries changed: beneficiaries are derived again.
	changed := copyActivity(&got)
	changed.Status, changed.ActualStart = 3, "2022-10-15"
	changed.Countries = []string{"AF", "YE"}
	r = e.do("PUT", path, officerT, changed, "If-Match", `"1"`).want(200)
	var saved accord.Activity
	r.json(&saved)
	if saved.Version != 2 || r.header.Get("ETag") != `"2"` || saved.Status != 3 || saved.ActualStart != "2022-10-15" ||
		!slices.Contains(saved.Beneficiaries, "YE") || !slices.Contains(saved.Beneficiaries, "ML") || saved.CreatedAt.IsZero() {
		t.Fatalf("saved %s", r.body)
	}
	// Without beneficiaries: the same.
	changed = copyActivity(&saved)
	changed.Beneficiaries = nil
	changed.Groups = nil
	e.do("PUT", path, officerT, changed).want(200).json(&saved)
	if saved.Version != 3 || !slices.Equal(saved.Beneficiaries, []string{"AF", "YE"}) || len(saved.Groups) != 0 {
		t.Errorf("groups removed: %+v", saved)
	}

	// beneficiary_countries is derived: a different value is refused, naming it, and nothing changes.
	for _, given := range [][]string{{"AF"}, {"AF", "YE", "ML"}, {}} {
		changed := asMap(t, &saved)
		changed["beneficiary_countries"] = given
		p := e.do("PUT", path, officerT, changed).want(400).problem()
		if !p.names("beneficiary_countries") {
			t.Errorf("beneficiaries %v: %v", given, p.fields())
		}
	}
	changed = copyActivity(&saved)
	changed.Beneficiaries = []string{"ye", "af"} // the same, in another order and case
	e.do("PUT", path, officerT, changed).want(200).json(&saved)
	if saved.Version != 4 {
		t.Errorf("beneficiaries as read, reordered: %+v", saved)
	}
	body := w.vaccinesBody()
	body["beneficiary_countries"] = []string{"ML"}
	if p := e.do("POST", "/api/v1/activities", officerT, body).want(400).problem(); !p.names("beneficiary_countries") {
		t.Errorf("beneficiaries on create: %v", p.fields())
	}
	body["beneficiary_countries"] = []string{}
	e.do("POST", "/api/v1/activities", officerT, body).want(201)

	// Stale, missing and mismatched versions and ids.
	stale := copyActivity(&got) // version 1
	p := e.do("PUT", path, officerT, stale, "If-Match", `"1"`).want(412).problem()
	if !strings.Contains(p.Detail, "version 4") {
		t.Errorf("412 detail %q", p.Detail)
	}
	e.do("PUT", path, officerT, stale).want(409).problem()
	stale.Version = 0
	e.do("PUT", path, officerT, stale).want(428).problem()
	wrong := copyActivity(&saved)
	wrong.ID = bare.ID
	if p := e.do("PUT", path, officerT, wrong).want(400).problem(); !p.names("id") {
		t.Errorf("id mismatch: %v", p.fields())
	}
	wrong.ID = 0
	e.do("PUT", "/api/v1/activities/999999", officerT, wrong).want(404).problem()
	e.do("GET", path, officerT, nil).want(200).json(&got)
	if got.Version != 4 || got.Status != 3 {
		t.Errorf("refused updates changed the activity: %+v", got)
	}
}

func TestActivityValidation(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	with := func(edit func(map[string]any)) map[string]any {
		b := w.vaccinesBody()
		edit(b)
		return b
	}
	sectors := func(s ...any) []map[string]any {
		var out []map[string]any
		for i := 0; i+1 < len(s); i += 2 {
			out = append(out, map[string]any{"code": s[i], "percent": s[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		name  string
		body  any
		field string
	}{
		{"sectors short of 100", with(func(b map[string]any) { b["sectors"] = sectors("12250", 60, "12191", 30) }), "sectors"},
		{"sectors over 100", with(func(b map[string]any) { b["sectors"] = sectors("12250", 60, "12191", 50) }), "sectors"},
		{"unknown DAC code", with(func(b map[string]any) { b["sectors"] = sectors("12250", 60, "99999", 40) }), "sectors[1].code"},
		{"malformed DAC code", with(func(b map[string]any) { b["sectors"] = sectors("12250", 60, "122", 40) }), "sectors[1].code"},
		{"sector twice", with(func(b map[string]any) { b["sectors"] = sectors("12250", 50, "12250", 50) }), "sectors[1].code"},
		{"zero percent", with(func(b map[string]any) { b["sectors"] = sectors("12250", 100, "12191", 0) }), "sectors[1].percent"},
		{"unknown group", with(func(b map[string]any) { b["groups"] = []string{"ATLANTIS"} }), "groups[0]"},
		{"unknown country", with(func(b map[string]any) { b["countries"] = []string{"XX"} }), "countries[0]"},
		{"negative budget", with(func(b map[string]any) { b["budget"] = "-5" }), "budget"},
		{"words for a budget", with(func(b map[string]any) { b["budget"] = "a lot" }), "budget"},
		{"budget as a number", with(func(b map[string]any) { b["budget"] = 250000 }), "budget"},
		{"budget without currency", with(func(b map[string]any) { b["currency"] = "" }), "currency"},
		{"unknown currency", with(func(b map[string]any) { b["currency"] = "XXY" }), "currency"},
		{"bad planned start", with(func(b map[string]any) { b["planned_start"] = "2022-02-30" }), "planned_start"},
		{"bad actual end", with(func(b map[string]any) { b["actual_end"] = "next year" }), "actual_end"},
		{"end before start", with(func(b map[string]any) { b["planned_end"] = "2022-09-30" }), "planned_end"},
		{"actual end before start", with(func(b map[string]any) { b["actual_start"], b["actual_end"] = "2022-11-01", "2022-10-01" }), "actual_end"},
		{"unknown kind", with(func(b map[string]any) { b["kind"] = "party" }), "kind"},
		{"status 7", with(func(b map[string]any) { b["status"] = 7 }), "status"},
		{"status in words", with(func(b map[string]any) { b["status"] = "implementation" }), "status"},
		{"no title", with(func(b map[string]any) { b["title"] = " " }), "title"},
		{"no plan", with(func(b map[string]any) { delete(b, "plan_id") }), "plan_id"},
		{"unknown plan", with(func(b map[string]any) { b["plan_id"] = 999999; delete(b, "objective_id") }), "plan_id"},
		{"another plan's objective", with(func(b map[string]any) { b["objective_id"] = w.icrcPlan.Objectives[0].ID }), "objective_id"},
		{"no lead", with(func(b map[string]any) { delete(b, "lead_org_id") }), "lead_org_id"},
		{"unknown lead", with(func(b map[string]any) { b["lead_org_id"] = 999999 }), "lead_org_id"},
		{"unknown implementer", with(func(b map[string]any) { b["implementing"] = []map[string]any{{"org_id": 999999}} }), "implementing[0].org_id"},
		{"unknown field", with(func(b map[string]any) { b["donor"] = "WHO" }), "donor"},
		{"unknown field in a sector", with(func(b map[string]any) {
			b["sectors"] = []map[string]any{{"code": "12250", "percent": 100, "vocabulary": 1}}
		}), "vocabulary"},
	} {
		p := e.do("POST", "/api/v1/activities", e.adminT, c.body).want(400).problem()
		if !p.names(c.field) {
			t.Errorf("%s: problem names %v, not %s", c.name, p.fields(), c.field)
		}
	}
	e.do("POST", "/api/v1/activities", e.adminT, `{"title": "x", "sectors": [}`).want(400).problem()
	e.do("POST", "/api/v1/activities", e.adminT, `{"title": "x"`).want(400).problem()
	e.do("POST", "/api/v1/activities", e.adminT, `"x"`).want(400).problem()
	e.do("POST", "/api/v1/activities", e.adminT, w.vaccinesBody(), "Content-Type", "text/plain").want(415).problem()
	e.do("POST", "/api/v1/activities", e.adminT, `{"title": "`+strings.Repeat("x", maxBody)+`"}`).want(413).problem()
	if _, total := listOf[accord.Activity](e.do("GET", "/api/v1/activities", e.adminT, nil).want(200)); total != 2 {
		t.Errorf("refused writes created activities: total %d", total)
	}
	// The same rules on update.
	path := fmt.Sprintf("/api/v1/activities/%d", w.vaccines.ID)
	bad := copyActivity(w.vaccines)
	bad.Sectors = []accord.ActivitySector{{Code: "12250", Percent: 50}}
	if p := e.do("PUT", path, e.adminT, bad).want(400).problem(); !p.names("sectors") {
		t.Errorf("sectors on update: %v", p.fields())
	}
	e.do("PUT", path, e.adminT, `{"version": 1, "budget": "-5", "extra": true}`).want(400).problem()

	for query, field := range map[string]string{
		"country=MLI":   "country",
		"country=1X":    "country",
		"kind=party":    "kind",
		"status=0":      "status",
		"status=7":      "status",
		"status=active": "status",
		"plan_id=x":     "plan_id",
		"org_id=0":      "org_id",
		"per_page=201":  "per_page",
		"sahel=true":    "sahel",
	} {
		p := e.do("GET", "/api/v1/activities?"+query, e.adminT, nil).want(400).problem()
		if !p.names(field) {
			t.Errorf("?%s: problem names %v, not %s", query, p.fields(), field)
		}
	}
	e.do("GET", "/api/v1/activities/x", e.adminT, nil).want(400).problem()
	e.do("GET", "/api/v1/activities/999999", e.adminT, nil).want(404).problem()
}

func TestActivityFilters(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	training := e.activity(e.adminT, map[string]any{
		"plan_id": w.whoPlan.ID, "title": "Training of health workers in Yemen", "kind": "training", "status": 1,
		"lead_org_id": w.oic.ID, "implementing": []map[string]any{{"org_id": w.who.ID}}, "countries": []string{"YE"}, "planned_start": "2023-01-15",
	})
	ids := func(query string) string {
		t.Helper()
		items, total := listOf[accord.Activity](e.do("GET", "/api/v1/activities"+query, e.adminT, nil).want(200))
		var out []int64
		for _, it := range items {
			out = append(out, it.ID)
			if it.LeadOrgName == "" || it.PlanTitle == "" || it.Countries == nil {
				t.Errorf("%s: activity %d without its parts: %+v", query, it.ID, it)
			}
		}
		if total != len(items) {
			t.Errorf("%s: total %d for %d items", query, total, len(items))
		}
		return fmt.Sprint(out)
	}
	for _, c := range []struct {
		query string
		want  []int64
	}{
		// By planned start, none first.
		{"", []int64{w.seminar.ID, w.vaccines.ID, training.ID}},
		// Through the Sahel group, in any case; directly listed countries too.
		{"?country=ML", []int64{w.vaccines.ID}},
		{"?country=ne", []int64{w.vaccines.ID}},
		{"?country=AF", []int64{w.vaccines.ID}},
		{"?country=CH", []int64{w.seminar.ID}},
		{"?country=YE", []int64{training.ID}},
		{"?country=FR", nil},
		{fmt.Sprintf("?plan_id=%d", w.whoPlan.ID), []int64{w.vaccines.ID, training.ID}},
		{fmt.Sprintf("?plan_id=%d", w.icrcPlan.ID), []int64{w.seminar.ID}},
		{fmt.Sprintf("?org_id=%d", w.who.ID), []int64{w.vaccines.ID, training.ID}}, // leads one, implements the other
		{fmt.Sprintf("?org_id=%d", w.icrc.ID), []int64{w.seminar.ID}},
		{"?kind=vaccine_access", []int64{w.vaccines.ID}},
		{"?kind=other", nil},
		{"?status=2", []int64{w.seminar.ID, w.vaccines.ID}},
		{"?status=1", []int64{training.ID}},
		{"?status=2&country=ML", []int64{w.vaccines.ID}},
		{"?q=vaccine", []int64{w.vaccines.ID}},
		{"?q=world+health", []int64{w.vaccines.ID, training.ID}},
		{"?q=humanitarian", []int64{w.seminar.ID}},
		{"?q=treaty", nil},
	} {
		if got := ids(c.query); got != fmt.Sprint(c.want) {
			t.Errorf("activities%s: %s, want %v", c.query, got, c.want)
		}
	}
	// Not with CH: the Sahel activity does not benefit Switzerland.
	items, _ := listOf[accord.Activity](e.do("GET", "/api/v1/activities?country=CH", e.adminT, nil).want(200))
	if slices.ContainsFunc(items, func(a accord.Activity) bool { return a.ID == w.vaccines.ID }) {
		t.Errorf("the Sahel activity is found with country=CH")
	}
	items, total := listOf[accord.Activity](e.do("GET", "/api/v1/activities?per_page=2&page=2", e.adminT, nil).want(200))
	if total != 3 || len(items) != 1 || items[0].ID != training.ID {
		t.Errorf("page 2 of 2: %+v, total %d", items, total)
	}
}
