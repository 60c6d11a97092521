package api

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// point creates an action point through the API.
func (e *env) point(token string, body any) *accord.ActionPoint {
	e.t.Helper()
	var ap accord.ActionPoint
	e.do("POST", "/api/v1/action-points", token, body).want(201).json(&ap)
	return &ap
}

func day(offset int) string { return time.Now().AddDate(0, 0, offset).Format(time.DateOnly) }

func TestActionPointLifecycle(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	officer, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	m := e.engagement(e.adminT, g.whoMeeting())

	// Create: always open, never overdue before its day.
	r := e.do("POST", "/api/v1/action-points", officerT, map[string]any{
		"engagement_id": m.ID, "text": "Develop a new memorandum of understanding", "owner_id": officer.ID,
		"parties": []map[string]any{{"org_id": g.oic.ID}, {"org_id": g.who.ID}}, "due_date": day(30), "priority": "high",
	}).want(201)
	var ap accord.ActionPoint
	r.json(&ap)
	path := fmt.Sprintf("/api/v1/action-points/%d", ap.ID)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	if ap.Status != accord.APOpen || ap.Overdue || ap.Version != 1 || ap.OwnerName != "officer" || len(ap.Parties) != 2 ||
		ap.EngagementTitle != "OIC–WHO meeting on health cooperation" {
		t.Fatalf("created %+v", ap)
	}
	// "status": "open" is what it would be anyway; parties left out are [].
	r = e.do("POST", "/api/v1/action-points", officerT, map[string]any{"engagement_id": m.ID, "text": "Draft a plan of action", "status": "open"}).want(201)
	if !strings.Contains(string(r.body), `"parties":[]`) {
		t.Errorf("parties not [] on create: %s", r.body)
	}

	// Read.
	r = e.do("GET", path, officerT, nil).want(200)
	var got accord.ActionPoint
	r.json(&got)
	if r.header.Get("ETag") != `"1"` || got.Text != "Develop a new memorandum of understanding" || got.Priority != "high" || len(got.Parties) != 2 {
		t.Errorf("read %+v", got)
	}

	// Update the fields; the record as read (status included) can be sent back.
	got.Text = "Develop a new MoU between the OIC and WHO"
	got.Parties = got.Parties[:1]
	e.do("PUT", path, officerT, got, "If-Match", `"1"`).want(200).json(&got)
	got.Priority = "normal"
	r = e.do("PUT", path, officerT, got).want(200)
	r.json(&got)
	if got.Version != 3 || r.header.Get("ETag") != `"3"` || len(got.Parties) != 1 || got.Status != accord.APOpen || got.Priority != "normal" {
		t.Errorf("after updates: %+v", got)
	}
	// PUT does not move the status.
	moved := got
	moved.Status = accord.APDone
	p := e.do("PUT", path, officerT, moved).want(400).problem()
	if !p.names("status") || !strings.Contains(p.Detail+fmt.Sprint(p.Errors), "/transition") {
		t.Errorf("status in PUT: %+v", p)
	}
	moved = got
	moved.StatusNote = "Signed already"
	if p := e.do("PUT", path, officerT, moved).want(400).problem(); !p.names("status_note") {
		t.Errorf("status_note in PUT: %v", p.fields())
	}
	// Stale versions.
	stale := got
	stale.Text = "Someone else's text"
	e.do("PUT", path, officerT, stale, "If-Match", `"2"`).want(412).problem()
	stale.Version = 2
	e.do("PUT", path, officerT, stale).want(409).problem()
	stale.Version = 0
	e.do("PUT", path, officerT, stale).want(428).problem()

	// Transitions: allowed moves answer the record at its new version.
	tr := path + "/transition"
	r = e.do("POST", tr, officerT, map[string]any{"status": "in_progress"}, "If-Match", `"3"`).want(200)
	r.json(&got)
	if got.Status != accord.APInProgress || got.Version != 4 || r.header.Get("ETag") != `"4"` || got.Text != "Develop a new MoU between the OIC and WHO" {
		t.Errorf("started: %+v, ETag %q", got, r.header.Get("ETag"))
	}
	// Done needs a note; the refusal names it and changes nothing.
	p = e.do("POST", tr, officerT, map[string]any{"status": "done", "note": "  "}, "If-Match", `"4"`).want(400).problem()
	if !p.names("status_note") {
		t.Errorf("done without note: %v", p.fields())
	}
	// Stale, missing versions; unknown statuses and fields.
	p = e.do("POST", tr, officerT, map[string]any{"status": "done", "note": "MoU drafted"}, "If-Match", `"3"`).want(412).problem()
	if !strings.Contains(p.Detail, "version 4") {
		t.Errorf("412 detail %q", p.Detail)
	}
	e.do("POST", tr, officerT, map[string]any{"status": "done", "note": "MoU drafted", "version": 3}).want(409).problem()
	e.do("POST", tr, officerT, map[string]any{"status": "done", "note": "MoU drafted"}).want(428).problem()
	if p := e.do("POST", tr, officerT, map[string]any{"status": "closed", "version": 4}).want(400).problem(); !p.names("status") {
		t.Errorf("unknown status: %v", p.fields())
	}
	if p := e.do("POST", tr, officerT, map[string]any{"status": "done", "reason": "x", "version": 4}).want(400).problem(); !p.names("reason") {
		t.Errorf("unknown field: %v", p.fields())
	}
	if p := e.do("POST", tr, officerT, `{}`, "If-Match", `"4"`).want(400).problem(); !p.names("status") {
		t.Errorf("no status: %v", p.fields())
	}
	e.do("POST", "/api/v1/action-points/999999/transition", officerT, map[string]any{"status": "done", "note": "x", "version": 1}).want(404).problem()
	e.do("GET", path, officerT, nil).want(200).json(&got)
	if got.Status != accord.APInProgress || got.Version != 4 {
		t.Errorf("a refused transition changed the point: %+v", got)
	}

	// Done with a note, by the body's version.
	r = e.do("POST", tr, officerT, map[string]any{"status": "done", "note": "MoU drafted and sent to WHO", "version": 4}).want(200)
	r.json(&got)
	if got.Status != accord.APDone || got.StatusNote != "MoU drafted and sent to WHO" || got.Version != 5 {
		t.Errorf("done: %+v", got)
	}
	// A done point is closed: the refusal names the rule.
	p = e.do("POST", tr, officerT, map[string]any{"status": "open", "version": 5}).want(400).problem()
	if !p.names("status") || !strings.Contains(fmt.Sprint(p.Errors), "done") {
		t.Errorf("reopen a done point: %+v", p.Errors)
	}
	// Its fields still change; its status and note stay.
	got.Priority = "low"
	e.do("PUT", path, officerT, got).want(200).json(&got)
	if got.Status != accord.APDone || got.StatusNote != "MoU drafted and sent to WHO" || got.Priority != "low" {
		t.Errorf("PUT of a done point: %+v", got)
	}

	// Dropping needs a reason.
	plan := e.point(officerT, map[string]any{"engagement_id": m.ID, "text": "Hold a joint seminar"})
	planTr := fmt.Sprintf("/api/v1/action-points/%d/transition", plan.ID)
	if p := e.do("POST", planTr, officerT, map[string]any{"status": "dropped", "version": 1}).want(400).problem(); !p.names("status_note") {
		t.Errorf("dropped without reason: %v", p.fields())
	}
	e.do("POST", planTr, officerT, map[string]any{"status": "dropped", "note": "Merged into the plan of action", "version": 1}).want(200)
}

func TestActionPointValidation(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	m := e.engagement(e.adminT, g.whoMeeting())
	for _, c := range []struct {
		name  string
		body  any
		field string
	}{
		{"status on create", map[string]any{"engagement_id": m.ID, "text": "x", "status": "done"}, "status"},
		{"status note on create", map[string]any{"engagement_id": m.ID, "text": "x", "status_note": "done already"}, "status_note"},
		{"no engagement", map[string]any{"text": "x"}, "engagement_id"},
		{"unknown engagement", map[string]any{"engagement_id": 999999, "text": "x"}, "engagement_id"},
		{"no text", map[string]any{"engagement_id": m.ID, "text": ""}, "text"},
		{"bad due date", map[string]any{"engagement_id": m.ID, "text": "x", "due_date": "next week"}, "due_date"},
		{"unknown priority", map[string]any{"engagement_id": m.ID, "text": "x", "priority": "urgent"}, "priority"},
		{"unknown owner", map[string]any{"engagement_id": m.ID, "text": "x", "owner_id": 999999}, "owner_id"},
		{"unknown party", map[string]any{"engagement_id": m.ID, "text": "x", "parties": []map[string]any{{"org_id": 999999}}}, "parties"},
		{"unknown field", map[string]any{"engagement_id": m.ID, "text": "x", "deadline": "2022-12-31"}, "deadline"},
		{"wrong type", map[string]any{"engagement_id": fmt.Sprint(m.ID), "text": "x"}, "engagement_id"},
	} {
		p := e.do("POST", "/api/v1/action-points", e.adminT, c.body).want(400).problem()
		if !p.names(c.field) {
			t.Errorf("%s: problem names %v, not %s", c.name, p.fields(), c.field)
		}
	}
	p := e.do("POST", "/api/v1/action-points", e.adminT, map[string]any{"engagement_id": m.ID, "text": "x", "status": "in_progress"}).want(400).problem()
	if !strings.Contains(fmt.Sprint(p.Errors), "/api/v1/action-points/{id}/transition") {
		t.Errorf("status on create does not point to the transition: %+v", p.Errors)
	}
	e.do("POST", "/api/v1/action-points", e.adminT, `{"engagement_id": 1,`).want(400).problem()
	if _, total := listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points", e.adminT, nil).want(200)); total != 0 {
		t.Errorf("refused writes created records: total %d", total)
	}

	for query, field := range map[string]string{
		"status=closed":       "status",
		"overdue=yes":         "overdue",
		"owner_id=you":        "owner_id",
		"engagement_id=-1":    "engagement_id",
		"org_id=x":            "org_id",
		"due_date=2022-12-31": "due_date",
		"page=0":              "page",
	} {
		p := e.do("GET", "/api/v1/action-points?"+query, e.adminT, nil).want(400).problem()
		if !p.names(field) {
			t.Errorf("?%s: problem names %v, not %s", query, p.fields(), field)
		}
	}
}

// TestActionPointOverdue: overdue is derived on read from the due date and the status.
func TestActionPointOverdue(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	m := e.engagement(e.adminT, g.whoMeeting())
	late := e.point(e.adminT, map[string]any{"engagement_id": m.ID, "text": "Send the draft MoU", "due_date": day(-1)})
	if !late.Overdue {
		t.Errorf("a point due yesterday is not overdue on create: %+v", late)
	}
	soon := e.point(e.adminT, map[string]any{"engagement_id": m.ID, "text": "Agree on the plan of action", "due_date": day(1)})
	undated := e.point(e.adminT, map[string]any{"engagement_id": m.ID, "text": "Exchange focal points"})
	finished := e.point(e.adminT, map[string]any{"engagement_id": m.ID, "text": "Share the meeting notes", "due_date": day(-3)})
	e.do("POST", fmt.Sprintf("/api/v1/action-points/%d/transition", finished.ID), e.adminT, map[string]any{"status": "done", "note": "Shared", "version": 1}).want(200).json(finished)
	if finished.Overdue {
		t.Errorf("a done point is overdue: %+v", finished)
	}

	items, total := listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points?overdue=true", e.adminT, nil).want(200))
	if total != 1 || len(items) != 1 || items[0].ID != late.ID || !items[0].Overdue {
		t.Errorf("overdue=true: %+v (total %d)", items, total)
	}
	var got accord.ActionPoint
	e.do("GET", fmt.Sprintf("/api/v1/action-points/%d", late.ID), e.adminT, nil).want(200).json(&got)
	if !got.Overdue {
		t.Errorf("read: not overdue")
	}
	items, total = listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points?overdue=false", e.adminT, nil).want(200))
	if total != 3 || len(items) != 3 {
		t.Errorf("overdue=false: total %d", total)
	}
	for _, it := range items {
		if it.Overdue || it.ID == late.ID {
			t.Errorf("overdue=false lists an overdue point: %+v", it)
		}
	}
	items, total = listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points?overdue=false&per_page=2&page=2", e.adminT, nil).want(200))
	if total != 3 || len(items) != 1 {
		t.Errorf("overdue=false, page 2: %d items, total %d", len(items), total)
	}
	items, _ = listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points", e.adminT, nil).want(200))
	flags := map[int64]bool{}
	for _, it := range items {
		flags[it.ID] = it.Overdue
	}
	if !flags[late.ID] || flags[soon.ID] || flags[undated.ID] || flags[finished.ID] || len(flags) != 4 {
		t.Errorf("overdue flags in the list: %v", flags)
	}

	// Moving the due date moves the flag.
	soon.DueDate = accord.Date(day(-2))
	e.do("PUT", fmt.Sprintf("/api/v1/action-points/%d", soon.ID), e.adminT, soon).want(200).json(&got)
	if !got.Overdue {
		t.Errorf("after moving the due date into the past: %+v", got)
	}
	if _, total := listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points?overdue=true", e.adminT, nil).want(200)); total != 2 {
		t.Errorf("overdue=true after the move: %d", total)
	}
}

// TestActionPointOverdueUsesTheStoreClock: the day is the store's clock,
// the one clock the lists, the records and their writes are judged by.
func TestActionPointOverdueUsesTheStoreClock(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	m := e.engagement(e.adminT, g.whoMeeting())
	ap := e.point(e.adminT, map[string]any{"engagement_id": m.ID, "text": "Send the draft MoU", "due_date": "2022-08-31"})
	if !ap.Overdue {
		t.Fatalf("due in 2022, not overdue today: %+v", ap)
	}
	e.db.UseClock(func() time.Time { return time.Date(2022, 8, 15, 12, 0, 0, 0, time.UTC) })
	var got accord.ActionPoint
	e.do("GET", fmt.Sprintf("/api/v1/action-points/%d", ap.ID), e.adminT, nil).want(200).json(&got)
	if got.Overdue {
		t.Errorf("overdue on 15 August 2022, due on the 31st")
	}
	if _, total := listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points?overdue=true", e.adminT, nil).want(200)); total != 0 {
		t.Errorf("overdue=true on 15 August 2022: %d", total)
	}
	got.Text = "Send the draft MoU to WHO"
	e.do("PUT", fmt.Sprintf("/api/v1/action-points/%d", ap.ID), e.adminT, got).want(200).json(&got)
	if got.Overdue {
		t.Errorf("overdue after PUT on 15 August 2022")
	}
}
