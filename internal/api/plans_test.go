package api

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// plan creates a plan of action through the API.
func (e *env) plan(token string, body any) *accord.Plan {
	e.t.Helper()
	var p accord.Plan
	e.do("POST", "/api/v1/plans", token, body).want(201).json(&p)
	return &p
}

// planWorld is the Geneva world with the OIC–WHO MoU and its plan of
// action, the OIC–ICRC agreement and its plan, and an activity under each:
// WHO's vaccines for the Sahel (and Afghanistan), ICRC's seminar in Geneva.
type planWorld struct {
	geneva
	mou, icrcAg       *accord.Agreement
	whoPlan, icrcPlan *accord.Plan
	vaccines, seminar *accord.Activity
}

func (e *env) planWorld() planWorld {
	e.t.Helper()
	e.db.UseClock(func() time.Time { return agreementDay })
	w := planWorld{geneva: e.geneva()}
	w.mou = e.agreement(e.adminT, w.whoMoU())
	w.icrcAg = e.agreement(e.adminT, w.icrcAgreement())
	w.whoPlan = e.plan(e.adminT, w.whoPlanBody())
	w.icrcPlan = e.plan(e.adminT, map[string]any{
		"title": "Work plan on international humanitarian law", "agreements": []map[string]any{{"agreement_id": w.icrcAg.ID}},
		"objectives": []map[string]any{{"title": "Seminars on humanitarian law"}},
	})
	w.vaccines = e.activity(e.adminT, w.vaccinesBody())
	w.seminar = e.activity(e.adminT, map[string]any{
		"plan_id": w.icrcPlan.ID, "objective_id": w.icrcPlan.Objectives[0].ID, "title": "Seminar on humanitarian law in Geneva",
		"kind": "seminar", "status": 2, "lead_org_id": w.icrc.ID, "countries": []string{"CH"},
		"sectors": []map[string]any{{"code": "15220", "percent": 100}},
	})
	return w
}

// whoPlanBody is the OIC–WHO plan of action as a client sends it.
func (w planWorld) whoPlanBody() map[string]any {
	return map[string]any{
		"title": "Plan of action for health cooperation", "summary": "Vaccines and medical supplies.",
		"start_date": "2022-10-01", "end_date": "2024-09-30",
		"agreements": []map[string]any{{"agreement_id": w.mou.ID}},
		"objectives": []map[string]any{{"title": "Access to COVID-19 vaccines"}, {"title": "Medical supplies"}, {"title": " "}},
	}
}

func TestPlanLifecycle(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)

	// Create: objectives get ids, blank ones are dropped; agreements carry their titles.
	r := e.do("POST", "/api/v1/plans", officerT, w.whoPlanBody()).want(201)
	var p accord.Plan
	r.json(&p)
	path := fmt.Sprintf("/api/v1/plans/%d", p.ID)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	if p.Version != 1 || len(p.Objectives) != 2 || p.Objectives[0].ID == 0 || p.Objectives[1].ID == 0 ||
		len(p.Agreements) != 1 || p.Agreements[0].Title != "Memorandum of understanding between the OIC and WHO" {
		t.Fatalf("created %s", r.body)
	}
	// Without objectives: [] rather than null.
	r = e.do("POST", "/api/v1/plans", officerT, map[string]any{"title": "Bare plan", "agreements": []map[string]any{{"agreement_id": w.mou.ID}}}).want(201)
	if !strings.Contains(string(r.body), `"objectives":[]`) {
		t.Errorf("objectives not [] on create: %s", r.body)
	}

	// Read.
	r = e.do("GET", path, officerT, nil).want(200)
	var got accord.Plan
	r.json(&got)
	if r.header.Get("ETag") != `"1"` || got.Title != "Plan of action for health cooperation" || got.EndDate != "2024-09-30" || len(got.Objectives) != 2 {
		t.Errorf("read %+v, ETag %q", got, r.header.Get("ETag"))
	}

	// An activity pursues the first objective.
	body := w.vaccinesBody()
	body["plan_id"], body["objective_id"] = p.ID, got.Objectives[0].ID
	x := e.activity(officerT, body)

	// Update: the first objective is kept (by its id), the second dropped, a third added; a second agreement joins.
	kept := got.Objectives[0].ID
	got.Objectives = []accord.Objective{{ID: kept, Title: "Equitable access to COVID-19 vaccines"}, {Title: "Training of health workers"}}
	got.Agreements = append(got.Agreements, accord.PlanAgreement{AgreementID: w.icrcAg.ID})
	r = e.do("PUT", path, officerT, got, "If-Match", `"1"`).want(200)
	var saved accord.Plan
	r.json(&saved)
	if saved.Version != 2 || r.header.Get("ETag") != `"2"` || len(saved.Objectives) != 2 || saved.Objectives[0].ID != kept ||
		saved.Objectives[0].Title != "Equitable access to COVID-19 vaccines" || saved.Objectives[1].ID == 0 || len(saved.Agreements) != 2 ||
		saved.CreatedAt.IsZero() || saved.UpdatedAt.Before(saved.CreatedAt) {
		t.Fatalf("saved %s", r.body)
	}
	var again accord.Plan
	e.do("GET", path, officerT, nil).want(200).json(&again)
	if again.Version != 2 || len(again.Objectives) != 2 || again.Objectives[0].ID != kept || again.Agreements[1].Title != w.icrcAg.Title {
		t.Errorf("read after update %+v", again)
	}
	var ax accord.Activity
	e.do("GET", fmt.Sprintf("/api/v1/activities/%d", x.ID), officerT, nil).want(200).json(&ax)
	if ax.ObjectiveID == nil || *ax.ObjectiveID != kept {
		t.Errorf("the activity lost its objective: %v", ax.ObjectiveID)
	}
	// Another plan's objective is not this plan's.
	foreign := again
	foreign.Objectives = []accord.Objective{{ID: w.icrcPlan.Objectives[0].ID, Title: "Seminars"}}
	if p := e.do("PUT", path, officerT, foreign).want(400).problem(); !p.names("objectives[0].id") {
		t.Errorf("foreign objective: %v", p.fields())
	}

	// Stale, missing and mismatched versions and ids.
	stale := got
	stale.Version = 0
	p412 := e.do("PUT", path, officerT, stale, "If-Match", `"1"`).want(412).problem()
	if !strings.Contains(p412.Detail, "version 2") {
		t.Errorf("412 detail %q", p412.Detail)
	}
	stale.Version = 1
	e.do("PUT", path, officerT, stale).want(409).problem()
	stale.Version = 0
	e.do("PUT", path, officerT, stale).want(428).problem()
	e.do("PUT", path, officerT, again, "If-Match", "soon").want(400).problem()
	wrong := again
	wrong.ID = w.icrcPlan.ID
	if p := e.do("PUT", path, officerT, wrong).want(400).problem(); !p.names("id") {
		t.Errorf("id mismatch: %v", p.fields())
	}
	wrong.ID = 0
	e.do("PUT", "/api/v1/plans/999999", officerT, wrong).want(404).problem()
	e.do("GET", path, officerT, nil).want(200).json(&again)
	if again.Version != 2 {
		t.Errorf("refused updates changed the plan: version %d", again.Version)
	}
}

func TestPlanValidation(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	with := func(edit func(map[string]any)) map[string]any {
		b := w.whoPlanBody()
		edit(b)
		return b
	}
	for _, c := range []struct {
		name  string
		body  any
		field string
	}{
		{"no agreements", with(func(b map[string]any) { delete(b, "agreements") }), "agreements"},
		{"empty agreements", with(func(b map[string]any) { b["agreements"] = []any{} }), "agreements"},
		{"unknown agreement", with(func(b map[string]any) { b["agreements"] = []map[string]any{{"agreement_id": 999999}} }), "agreements[0].agreement_id"},
		{"no title", with(func(b map[string]any) { b["title"] = " " }), "title"},
		{"bad start", with(func(b map[string]any) { b["start_date"] = "2022-13-01" }), "start_date"},
		{"bad end", with(func(b map[string]any) { b["end_date"] = "30/09/2024" }), "end_date"},
		{"end before start", with(func(b map[string]any) { b["end_date"] = "2022-09-30" }), "end_date"},
		{"long objective", with(func(b map[string]any) { b["objectives"] = []map[string]any{{"title": strings.Repeat("x", 501)}} }), "objectives[0].title"},
		{"unknown field", with(func(b map[string]any) { b["activities"] = []any{} }), "activities"},
		{"unknown field in an objective", with(func(b map[string]any) { b["objectives"] = []map[string]any{{"title": "x", "status": 1}} }), "status"},
		{"wrong type", with(func(b map[string]any) { b["agreements"] = []int64{w.mou.ID} }), "agreements[0]"},
		{"date as a number", with(func(b map[string]any) { b["start_date"] = 20221001 }), "start_date"},
	} {
		p := e.do("POST", "/api/v1/plans", e.adminT, c.body).want(400).problem()
		if !p.names(c.field) {
			t.Errorf("%s: problem names %v, not %s", c.name, p.fields(), c.field)
		}
	}
	e.do("POST", "/api/v1/plans", e.adminT, `{"title": "x",`).want(400).problem()
	e.do("POST", "/api/v1/plans", e.adminT, `{"title": "x"} {}`).want(400).problem()
	e.do("POST", "/api/v1/plans", e.adminT, `[]`).want(400).problem()
	e.do("POST", "/api/v1/plans", e.adminT, "").want(400).problem()
	e.do("POST", "/api/v1/plans", e.adminT, w.whoPlanBody(), "Content-Type", "text/plain").want(415).problem()
	if _, total := listOf[accord.Plan](e.do("GET", "/api/v1/plans", e.adminT, nil).want(200)); total != 2 {
		t.Errorf("refused writes created plans: total %d", total)
	}

	for query, field := range map[string]string{
		"agreement_id=x": "agreement_id",
		"agreement_id=0": "agreement_id",
		"org_id=-1":      "org_id",
		"per_page=201":   "per_page",
		"page=0":         "page",
		"status=1":       "status",
		"q=a&q=b":        "q",
	} {
		p := e.do("GET", "/api/v1/plans?"+query, e.adminT, nil).want(400).problem()
		if !p.names(field) {
			t.Errorf("?%s: problem names %v, not %s", query, p.fields(), field)
		}
	}
	e.do("GET", "/api/v1/plans/x", e.adminT, nil).want(400).problem()
	e.do("GET", "/api/v1/plans/999999", e.adminT, nil).want(404).problem()
}

func TestPlanFilters(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	ids := func(query string) string {
		t.Helper()
		items, total := listOf[accord.Plan](e.do("GET", "/api/v1/plans"+query, e.adminT, nil).want(200))
		var out []int64
		for _, it := range items {
			out = append(out, it.ID)
			if len(it.Agreements) == 0 || it.Agreements[0].Title == "" || it.Objectives == nil {
				t.Errorf("%s: plan %d without its parts: %+v", query, it.ID, it)
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
		{"", []int64{w.icrcPlan.ID, w.whoPlan.ID}}, // newest first
		{fmt.Sprintf("?agreement_id=%d", w.mou.ID), []int64{w.whoPlan.ID}},
		{fmt.Sprintf("?agreement_id=%d", w.icrcAg.ID), []int64{w.icrcPlan.ID}},
		{fmt.Sprintf("?org_id=%d", w.who.ID), []int64{w.whoPlan.ID}},
		{fmt.Sprintf("?org_id=%d", w.icrc.ID), []int64{w.icrcPlan.ID}},
		{fmt.Sprintf("?org_id=%d", w.oic.ID), []int64{w.icrcPlan.ID, w.whoPlan.ID}},
		{"?q=vaccines", []int64{w.whoPlan.ID}},      // an objective
		{"?q=memorandum", []int64{w.whoPlan.ID}},    // the agreement's title
		{"?q=humanitarian", []int64{w.icrcPlan.ID}}, // the title
		{"?q=treaty", nil},
	} {
		if got := ids(c.query); got != fmt.Sprint(c.want) {
			t.Errorf("plans%s: %s, want %v", c.query, got, c.want)
		}
	}
	items, total := listOf[accord.Plan](e.do("GET", "/api/v1/plans?per_page=1&page=2", e.adminT, nil).want(200))
	if total != 2 || len(items) != 1 || items[0].ID != w.whoPlan.ID {
		t.Errorf("page 2 of 2: %+v, total %d", items, total)
	}
}

// TestPartnerSeesOnlyItsPlans: an ICRC focal point sees the OIC–ICRC plan
// and ICRC's seminar, and nothing of the OIC–WHO plan or its activity, by
// list, filter, search or id.
func TestPartnerSeesOnlyItsPlans(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	_, partnerT := e.user("focal@icrc.org", accord.RolePartner, &w.icrc.ID)

	secrets := []string{"World Health", "WHO", "vaccine", "Vaccine", "Sahel", "memorandum", "Memorandum", "health"}
	leaks := func(r *response) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(string(r.body), s) {
				t.Errorf("answer shows %q: %s", s, r.body)
			}
		}
	}
	for _, c := range []struct {
		query string
		total int
	}{
		{"", 1},
		{"?per_page=200", 1},
		{"?q=vaccines", 0},
		{"?q=memorandum", 0},
		{"?q=health", 0},
		{"?q=humanitarian", 1},
		{fmt.Sprintf("?agreement_id=%d", w.mou.ID), 0},
		{fmt.Sprintf("?org_id=%d", w.who.ID), 0},
		{fmt.Sprintf("?org_id=%d", w.oic.ID), 1},
	} {
		r := e.do("GET", "/api/v1/plans"+c.query, partnerT, nil).want(200)
		items, total := listOf[accord.Plan](r)
		if total != c.total || (total == 1 && items[0].ID != w.icrcPlan.ID) {
			t.Errorf("plans%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}
	for _, c := range []struct {
		query string
		total int
	}{
		{"", 1},
		{"?country=ML", 0},
		{"?country=AF", 0},
		{"?country=CH", 1},
		{"?kind=vaccine_access", 0},
		{"?status=2", 1},
		{"?q=vaccine", 0},
		{"?q=sahel", 0},
		{"?q=world+health", 0},
		{"?q=seminar", 1},
		{fmt.Sprintf("?plan_id=%d", w.whoPlan.ID), 0},
		{fmt.Sprintf("?org_id=%d", w.who.ID), 0},
	} {
		r := e.do("GET", "/api/v1/activities"+c.query, partnerT, nil).want(200)
		items, total := listOf[accord.Activity](r)
		if total != c.total || (total == 1 && items[0].ID != w.seminar.ID) {
			t.Errorf("activities%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}
	for _, path := range []string{fmt.Sprintf("/api/v1/plans/%d", w.whoPlan.ID), fmt.Sprintf("/api/v1/activities/%d", w.vaccines.ID)} {
		r := e.do("GET", path, partnerT, nil).want(404)
		r.problem()
		leaks(r)
	}
	e.do("GET", fmt.Sprintf("/api/v1/plans/%d", w.icrcPlan.ID), partnerT, nil).want(200)
	e.do("GET", fmt.Sprintf("/api/v1/activities/%d", w.seminar.ID), partnerT, nil).want(200)

	// A partner changes nothing, theirs or not.
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/api/v1/plans", w.whoPlanBody()},
		{"PUT", fmt.Sprintf("/api/v1/plans/%d", w.icrcPlan.ID), w.icrcPlan},
		{"PUT", fmt.Sprintf("/api/v1/plans/%d", w.whoPlan.ID), map[string]any{"title": "Mine now", "version": 1}},
		{"POST", "/api/v1/activities", w.vaccinesBody()},
		{"PUT", fmt.Sprintf("/api/v1/activities/%d", w.seminar.ID), w.seminar},
		{"PUT", fmt.Sprintf("/api/v1/activities/%d", w.vaccines.ID), map[string]any{"title": "Mine now", "version": 1}},
	} {
		r := e.do(c.method, c.path, partnerT, c.body).want(403)
		r.problem()
		leaks(r)
	}
}

func TestPlanRoles(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)

	e.do("POST", "/api/v1/plans", viewerT, w.whoPlanBody()).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/plans/%d", w.whoPlan.ID), viewerT, w.whoPlan).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/plans/%d", w.whoPlan.ID), viewerT, w.whoPlan, "If-Match", `"1"`).want(403).problem()
	e.do("POST", "/api/v1/activities", viewerT, w.vaccinesBody()).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/activities/%d", w.vaccines.ID), viewerT, w.vaccines).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/activities/%d", w.vaccines.ID), viewerT, w.vaccines, "If-Match", `"1"`).want(403).problem()

	// Reading is fine, and nothing changed.
	var p accord.Plan
	e.do("GET", fmt.Sprintf("/api/v1/plans/%d", w.whoPlan.ID), viewerT, nil).want(200).json(&p)
	var x accord.Activity
	e.do("GET", fmt.Sprintf("/api/v1/activities/%d", w.vaccines.ID), viewerT, nil).want(200).json(&x)
	if p.Version != 1 || x.Version != 1 {
		t.Errorf("changed by a viewer: plan %d, activity %d", p.Version, x.Version)
	}
	if _, total := listOf[accord.Plan](e.do("GET", "/api/v1/plans", viewerT, nil).want(200)); total != 2 {
		t.Errorf("viewer sees %d plans", total)
	}
	if items, total := listOf[accord.Activity](e.do("GET", "/api/v1/activities", viewerT, nil).want(200)); total != 2 || !slices.ContainsFunc(items, func(a accord.Activity) bool { return a.ID == w.vaccines.ID }) {
		t.Errorf("viewer sees %d activities", total)
	}
	for _, path := range []string{"/api/v1/plans", "/api/v1/activities", fmt.Sprintf("/api/v1/plans/%d", w.whoPlan.ID)} {
		e.do("GET", path, "", nil).want(401).problem()
	}
}
