package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// indicator creates an indicator of an activity through the API.
func (e *env) indicator(token string, activityID int64, body any) *accord.Indicator {
	e.t.Helper()
	var i accord.Indicator
	e.do("POST", fmt.Sprintf("/api/v1/activities/%d/indicators", activityID), token, body).want(201).json(&i)
	return &i
}

// value records an indicator value through the API and decodes the answer.
func (e *env) value(token string, indicatorID int64, body any, status int) *accord.IndicatorValue {
	e.t.Helper()
	var v accord.IndicatorValue
	r := e.do("POST", fmt.Sprintf("/api/v1/indicators/%d/values", indicatorID), token, body).want(status)
	r.json(&v)
	if r.header.Get("ETag") != etag(v.Version) {
		e.t.Errorf("ETag %q for version %d", r.header.Get("ETag"), v.Version)
	}
	return &v
}

// moveValue moves an indicator value through the API, with If-Match.
func (e *env) moveValue(token string, v *accord.IndicatorValue, body map[string]any) *accord.IndicatorValue {
	e.t.Helper()
	var out accord.IndicatorValue
	e.do("POST", fmt.Sprintf("/api/v1/indicator-values/%d/transition", v.ID), token, body, "If-Match", etag(v.Version)).want(200).json(&out)
	return &out
}

func TestIndicators(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	_, icrcT := e.user("focal@icrc.org", accord.RolePartner, &w.icrc.ID)
	_, whoT := e.user("focal@who.int", accord.RolePartner, &w.who.ID)
	path := fmt.Sprintf("/api/v1/activities/%d/indicators", w.vaccines.ID)
	doses := map[string]any{"name": " Doses administered ", "unit": "doses", "baseline": 0, "target": 500000}

	// Create: 201, the activity taken from the path, no values yet ([] rather than null).
	r := e.do("POST", path, officerT, doses).want(201)
	var i accord.Indicator
	r.json(&i)
	if i.ID == 0 || i.ActivityID != w.vaccines.ID || i.Name != "Doses administered" || i.Target != 500000 || i.CreatedAt.IsZero() ||
		!strings.Contains(string(r.body), `"values":[]`) {
		t.Fatalf("created %s", r.body)
	}
	trained := e.indicator(e.adminT, w.vaccines.ID, map[string]any{"name": "Health workers trained", "activity_id": w.vaccines.ID, "target": 300})

	// Bodies the API or the service refuses, each naming its field.
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"name": "Doses", "activity_id": w.seminar.ID}, "activity_id"},
		{map[string]any{"name": "Doses", "values": []map[string]any{{"period": "2023", "value": 1}}}, "values"},
		{map[string]any{"name": " "}, "name"},
		{map[string]any{"name": "Doses", "target": -1}, "target"},
		{map[string]any{"name": "Doses", "owner": "me"}, "owner"},
		{map[string]any{"name": "Doses", "target": "many"}, "target"},
	} {
		if p := e.do("POST", path, officerT, c.body).want(400).problem(); !p.names(c.field) {
			t.Errorf("%v: problem names %v, want %s", c.body, p.fields(), c.field)
		}
	}
	e.do("POST", path, officerT, `name=Doses`, "Content-Type", "application/x-www-form-urlencoded").want(415).problem()
	e.do("POST", path, viewerT, doses).want(403).problem()
	e.do("POST", path, whoT, doses).want(403).problem()
	e.do("POST", "/api/v1/activities/999999/indicators", officerT, doses).want(404).problem()
	e.do("POST", "/api/v1/activities/x/indicators", officerT, doses).want(400).problem()

	// List: every indicator of the activity, with its values, to whoever may read the activity.
	for _, token := range []string{officerT, viewerT, whoT} {
		items, total := listOf[accord.Indicator](e.do("GET", path, token, nil).want(200))
		if total != 2 || len(items) != 2 || items[0].ID != i.ID || items[1].ID != trained.ID || items[0].Values == nil {
			t.Errorf("indicators: %d %+v", total, items)
		}
	}
	if _, total := listOf[accord.Indicator](e.do("GET", fmt.Sprintf("/api/v1/activities/%d/indicators", w.seminar.ID), officerT, nil).want(200)); total != 0 {
		t.Errorf("the seminar has %d indicators", total)
	}
	e.do("GET", path+"?page=2", officerT, nil).want(400).problem()
	e.do("GET", "/api/v1/activities/999999/indicators", officerT, nil).want(404).problem()

	// A partner of ICRC does not see WHO's activity, nor its indicators.
	r = e.do("GET", path, icrcT, nil).want(404)
	r.problem()
	if strings.Contains(string(r.body), "Doses") {
		t.Errorf("the 404 shows the indicator: %s", r.body)
	}
	e.do("GET", fmt.Sprintf("/api/v1/activities/%d/indicators", w.seminar.ID), icrcT, nil).want(200)
}

func TestIndicatorValues(t *testing.T) {
	e := newEnv(t)
	w := e.planWorld()
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	_, editorT := e.user("editor@example.org", accord.RoleEditor, nil)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	_, icrcT := e.user("focal@icrc.org", accord.RolePartner, &w.icrc.ID)
	doses := e.indicator(officerT, w.vaccines.ID, map[string]any{"name": "Doses administered", "unit": "doses", "target": 500000})
	values := fmt.Sprintf("/api/v1/indicators/%d/values", doses.ID)

	// A new period's value is a draft (201); correcting the draft is a 200 at the next version.
	v := e.value(officerT, doses.ID, map[string]any{"period": "2023-q1", "value": 120000}, 201)
	if v.Status != accord.ValDraft || v.Period != "2023-Q1" || v.Version != 1 || v.Value != 120000 || v.UpdatedBy != "officer@example.org" || v.IndicatorID != doses.ID {
		t.Fatalf("recorded %+v", v)
	}
	v = e.value(officerT, doses.ID, map[string]any{"period": "2023-Q1", "value": 125000}, 200)
	if v.Version != 2 || v.Value != 125000 || v.Status != accord.ValDraft {
		t.Fatalf("corrected %+v", v)
	}
	v = e.value(officerT, doses.ID, map[string]any{"period": "2023-Q1", "value": 126000, "version": 2}, 200)
	if v.Version != 3 || v.Value != 126000 {
		t.Fatalf("corrected at version 2: %+v", v)
	}
	// A stale version: 409 from the body, 412 from If-Match.
	e.do("POST", values, officerT, map[string]any{"period": "2023-Q1", "value": 1, "version": 2}).want(409).problem()
	e.do("POST", values, officerT, map[string]any{"period": "2023-Q1", "value": 1}, "If-Match", `"2"`).want(412).problem()
	e.do("POST", values, officerT, map[string]any{"period": "2023-Q1", "value": 1}, "If-Match", `"two"`).want(400).problem()

	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"period": "2023-Q2"}, "value"},
		{map[string]any{"period": "Q2", "value": 1}, "period"},
		{map[string]any{"period": "2023-13", "value": 1}, "period"},
		{map[string]any{"period": "2023", "value": -5}, "value"},
		{map[string]any{"period": "2023", "value": "5"}, "value"},
		{map[string]any{"period": "2023", "value": 5, "status": "approved"}, "status"},
	} {
		if p := e.do("POST", values, officerT, c.body).want(400).problem(); !p.names(c.field) {
			t.Errorf("%v: problem names %v, want %s", c.body, p.fields(), c.field)
		}
	}
	e.do("POST", values, viewerT, map[string]any{"period": "2023", "value": 1}).want(403).problem()
	e.do("POST", values, icrcT, map[string]any{"period": "2023", "value": 1}).want(403).problem()
	e.do("POST", "/api/v1/indicators/999999/values", officerT, map[string]any{"period": "2023", "value": 1}).want(404).problem()

	// Submit: writers do it; the version comes from If-Match, or the body, or the answer is 428.
	move := fmt.Sprintf("/api/v1/indicator-values/%d/transition", v.ID)
	e.do("POST", move, officerT, map[string]any{"status": "submitted"}).want(428).problem()
	e.do("POST", move, viewerT, map[string]any{"status": "submitted", "version": v.Version}).want(403).problem()
	if p := e.do("POST", move, officerT, map[string]any{"version": v.Version}).want(400).problem(); !p.names("status") {
		t.Errorf("no status: %v", p.fields())
	}
	if p := e.do("POST", move, officerT, map[string]any{"status": "approved", "version": v.Version}).want(403).problem(); p.Detail == "" {
		t.Errorf("an officer approves a draft: %+v", p)
	}
	if p := e.do("POST", move, editorT, map[string]any{"status": "approved", "version": v.Version}).want(400).problem(); !p.names("status") {
		t.Errorf("a draft approved: %v", p.fields())
	}
	v = e.moveValue(officerT, v, map[string]any{"status": "submitted"})
	if v.Status != accord.ValSubmitted || v.Version != 4 {
		t.Fatalf("submitted %+v", v)
	}
	// A submitted value can no longer change.
	if p := e.do("POST", values, officerT, map[string]any{"period": "2023-Q1", "value": 1}).want(400).problem(); !p.names("value") {
		t.Errorf("a submitted value changed: %v", p.fields())
	}

	// Awaiting approval: only submitted values, with their indicator and activity.
	other := e.value(officerT, doses.ID, map[string]any{"period": "2023-Q2", "value": 90000}, 201)
	other = e.moveValue(officerT, other, map[string]any{"status": "submitted"})
	items, total := listOf[accord.IndicatorValue](e.do("GET", "/api/v1/indicator-values?status=submitted", editorT, nil).want(200))
	if total != 2 || len(items) != 2 || items[0].ID != v.ID || items[0].IndicatorName != "Doses administered" ||
		items[0].ActivityID != w.vaccines.ID || items[0].ActivityTitle != w.vaccines.Title {
		t.Fatalf("awaiting approval: %d %+v", total, items)
	}
	// per_page is the limit; total still counts them all.
	if items, total := listOf[accord.IndicatorValue](e.do("GET", "/api/v1/indicator-values?status=submitted&per_page=1", editorT, nil).want(200)); total != 2 || len(items) != 1 || items[0].ID != v.ID {
		t.Errorf("per_page=1: %d %+v", total, items)
	}
	for _, q := range []string{"", "?status=approved", "?status=draft", "?status=", "?status=submitted&per_page=201", "?status=submitted&per_page=0", "?status=submitted&page=2", "?status=submitted&status=submitted"} {
		e.do("GET", "/api/v1/indicator-values"+q, editorT, nil).want(400).problem()
	}
	if p := e.do("GET", "/api/v1/indicator-values?status=approved", editorT, nil).want(400).problem(); !p.names("status") {
		t.Errorf("status=approved: %v", p.fields())
	}
	// Only those who review values list them: a partner of ICRC is refused.
	e.do("GET", "/api/v1/indicator-values?status=submitted", icrcT, nil).want(403).problem()

	// Review: an officer may not approve; returning needs a comment; a stale version is 412 or 409.
	e.do("POST", move, officerT, map[string]any{"status": "approved"}, "If-Match", etag(v.Version)).want(403).problem()
	if p := e.do("POST", move, editorT, map[string]any{"status": "returned", "comment": "  "}, "If-Match", etag(v.Version)).want(400).problem(); !p.names("comment") {
		t.Errorf("returned without a comment: %v", p.fields())
	}
	if p := e.do("POST", move, editorT, map[string]any{"status": "returned", "comment": "Check"}, "If-Match", `"3"`).want(412).problem(); !strings.Contains(p.Detail, "version 3") {
		t.Errorf("412 detail %q", p.Detail)
	}
	e.do("POST", move, editorT, map[string]any{"status": "returned", "comment": "Check", "version": 3}).want(409).problem()
	e.do("POST", move, icrcT, map[string]any{"status": "submitted", "version": v.Version}).want(403).problem()
	e.do("POST", "/api/v1/indicator-values/999999/transition", editorT, map[string]any{"status": "approved", "version": 1}).want(404).problem()
	e.do("POST", move, editorT, "status=approved", "Content-Type", "text/plain").want(415).problem()

	v = e.moveValue(editorT, v, map[string]any{"status": "returned", "comment": "The Q1 report says 115,000"})
	if v.Status != accord.ValReturned || v.Comment != "The Q1 report says 115,000" || v.UpdatedBy != "editor@example.org" {
		t.Fatalf("returned %+v", v)
	}
	// A returned value is corrected (it stays returned), then submitted again and approved.
	v = e.value(officerT, doses.ID, map[string]any{"period": "2023-Q1", "value": 115000, "version": v.Version}, 200)
	if v.Status != accord.ValReturned || v.Value != 115000 {
		t.Fatalf("corrected after return: %+v", v)
	}
	v = e.moveValue(officerT, v, map[string]any{"status": "submitted"})
	v = e.moveValue(editorT, v, map[string]any{"status": "approved"})
	if v.Status != accord.ValApproved {
		t.Fatalf("approved %+v", v)
	}
	if p := e.do("POST", values, officerT, map[string]any{"period": "2023-q1", "value": 1}).want(400).problem(); !p.names("value") {
		t.Errorf("an approved value changed: %v", p.fields())
	}
	if p := e.do("POST", move, editorT, map[string]any{"status": "returned", "comment": "No", "version": v.Version}).want(400).problem(); !p.names("status") {
		t.Errorf("an approved value returned: %v", p.fields())
	}

	// The indicator lists its values by period; only Q2 still awaits approval.
	list, _ := listOf[accord.Indicator](e.do("GET", fmt.Sprintf("/api/v1/activities/%d/indicators", w.vaccines.ID), officerT, nil).want(200))
	if len(list) != 1 || len(list[0].Values) != 2 || list[0].Values[0].Period != "2023-Q1" || list[0].Values[0].Status != accord.ValApproved ||
		list[0].Values[0].Value != 115000 || list[0].Values[1].ID != other.ID {
		t.Errorf("indicator values %+v", list)
	}
	if items, total := listOf[accord.IndicatorValue](e.do("GET", "/api/v1/indicator-values?status=submitted", editorT, nil).want(200)); total != 1 || items[0].ID != other.ID {
		t.Errorf("awaiting after approval: %d %+v", total, items)
	}
}
