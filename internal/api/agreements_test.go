package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// agreementDay is the store's clock in these tests: 1 September 2022, so that
// "in the future" and "expiring within" are judged against it, not the machine's.
var agreementDay = time.Date(2022, 9, 1, 12, 0, 0, 0, time.UTC)

// agreement creates an agreement through the API.
func (e *env) agreement(token string, body any) *accord.Agreement {
	e.t.Helper()
	var g accord.Agreement
	e.do("POST", "/api/v1/agreements", token, body).want(201).json(&g)
	return &g
}

// whoMoU is the OIC–WHO memorandum of understanding as a client sends it.
func (g geneva) whoMoU() map[string]any {
	return map[string]any{
		"kind": "mou", "title": "Memorandum of understanding between the OIC and WHO",
		"summary":        "Cooperation in health: vaccines, medical supplies, emergencies.",
		"parties":        []map[string]any{{"org_id": g.oic.ID}, {"org_id": g.who.ID}},
		"effective_date": "2023-01-01", "expiry_date": "2027-12-31", "notice_days": 90,
	}
}

// icrcAgreement is the OIC–ICRC cooperation agreement, signed in 2021 and
// expiring on 15 October 2022, with nothing of WHO's in it.
func (g geneva) icrcAgreement() map[string]any {
	return map[string]any{
		"kind": "cooperation_agreement", "title": "Cooperation agreement between the OIC and the ICRC",
		"summary": "Seminars on international humanitarian law.",
		"parties": []map[string]any{
			{"org_id": g.oic.ID, "signed_on": "2021-05-01", "signatory": "Tarig Ali Bakhiet"},
			{"org_id": g.icrc.ID, "signed_on": "2021-05-01", "signatory": "Robert Mardini"},
		},
		"expiry_date": "2022-10-15",
	}
}

// move transitions an agreement and returns it at its new version.
func (e *env) move(token string, g *accord.Agreement, body map[string]any) *accord.Agreement {
	e.t.Helper()
	body["version"] = g.Version
	var got accord.Agreement
	e.do("POST", fmt.Sprintf("/api/v1/agreements/%d/transition", g.ID), token, body).want(200).json(&got)
	return &got
}

// copyAgreement is a deep copy of what the client holds, to edit.
func copyAgreement(g *accord.Agreement) *accord.Agreement {
	c := *g
	c.Parties = slices.Clone(g.Parties)
	c.Amendments = slices.Clone(g.Amendments)
	return &c
}

func TestAgreementLifecycle(t *testing.T) {
	e := newEnv(t)
	e.db.UseClock(func() time.Time { return agreementDay })
	g := e.geneva()
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	m := e.engagement(e.adminT, g.whoMeeting())

	// Create: always a draft; parties named; amendments [].
	body := g.whoMoU()
	body["engagement_id"] = m.ID
	body["status"] = "draft" // what it would be anyway
	r := e.do("POST", "/api/v1/agreements", officerT, body).want(201)
	var mou accord.Agreement
	r.json(&mou)
	path := fmt.Sprintf("/api/v1/agreements/%d", mou.ID)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"1"` {
		t.Errorf("Location %q, ETag %q", r.header.Get("Location"), r.header.Get("ETag"))
	}
	if mou.Status != accord.AgDraft || mou.Version != 1 || len(mou.Parties) != 2 || mou.Parties[1].OrgName != "World Health Organization (WHO)" ||
		mou.EngagementID == nil || *mou.EngagementID != m.ID || mou.NoticeDays != 90 || !strings.Contains(string(r.body), `"amendments":[]`) {
		t.Fatalf("created %s", r.body)
	}

	// Read.
	r = e.do("GET", path, officerT, nil).want(200)
	var got accord.Agreement
	r.json(&got)
	if r.header.Get("ETag") != `"1"` || got.Title != "Memorandum of understanding between the OIC and WHO" || got.ExpiryDate != "2027-12-31" {
		t.Errorf("read %+v, ETag %q", got, r.header.Get("ETag"))
	}

	// Through negotiation and clearance, by If-Match and by the body's version.
	tr := path + "/transition"
	r = e.do("POST", tr, officerT, map[string]any{"status": "negotiation"}, "If-Match", `"1"`).want(200)
	r.json(&got)
	if got.Status != accord.AgNegotiation || got.Version != 2 || r.header.Get("ETag") != `"2"` || len(got.Parties) != 2 {
		t.Errorf("negotiation: %+v", got)
	}
	got = *e.move(officerT, &got, map[string]any{"status": "clearance"})

	// Signed needs every signature: refused, naming parties, and nothing changes.
	p := e.do("POST", tr, officerT, map[string]any{"status": "signed", "version": got.Version}).want(400).problem()
	if !p.names("parties") {
		t.Errorf("signed while unsigned: %v", p.fields())
	}
	// Stale, missing versions.
	e.do("POST", tr, officerT, map[string]any{"status": "negotiation"}, "If-Match", `"2"`).want(412).problem()
	e.do("POST", tr, officerT, map[string]any{"status": "negotiation", "version": 2}).want(409).problem()
	e.do("POST", tr, officerT, map[string]any{"status": "negotiation"}).want(428).problem()

	// Signatures, by PUT: the day is the API's (2 September is in its future).
	signed := copyAgreement(&got)
	signed.Parties[0].SignedOn, signed.Parties[0].Signatory = "2022-08-30", "Tarig Ali Bakhiet, Assistant Secretary-General"
	signed.Parties[1].SignedOn, signed.Parties[1].Signatory = "2022-09-02", "Tedros Adhanom Ghebreyesus, Director-General"
	if p := e.do("PUT", path, officerT, signed).want(400).problem(); !p.names("parties[1].signed_on") {
		t.Errorf("future signature: %v", p.fields())
	}
	signed.Parties[1].SignedOn = "2022-08-31"
	stale := copyAgreement(signed)
	p = e.do("PUT", path, officerT, stale, "If-Match", `"2"`).want(412).problem()
	if !strings.Contains(p.Detail, "version 3") {
		t.Errorf("412 detail %q", p.Detail)
	}
	stale.Version = 0
	e.do("PUT", path, officerT, stale).want(428).problem()
	r = e.do("PUT", path, officerT, signed, "If-Match", `"3"`).want(200)
	r.json(&got)
	if got.Version != 4 || r.header.Get("ETag") != `"4"` || got.Status != accord.AgClearance || got.Parties[1].SignedOn != "2022-08-31" ||
		got.Parties[0].OrgName != "Organisation of Islamic Cooperation (OIC)" || got.CreatedAt.IsZero() {
		t.Errorf("signatures saved: %+v", got)
	}
	// PUT does not move the status, terminate or supersede.
	for field, edit := range map[string]func(*accord.Agreement){
		"status":             func(a *accord.Agreement) { a.Status = accord.AgSigned },
		"terminated_on":      func(a *accord.Agreement) { a.TerminatedOn = "2022-08-31" },
		"termination_reason": func(a *accord.Agreement) { a.TerminationReason = "Replaced" },
		"superseded_by":      func(a *accord.Agreement) { a.SupersededBy = &mou.ID },
	} {
		changed := copyAgreement(&got)
		edit(changed)
		p := e.do("PUT", path, officerT, changed).want(400).problem()
		if !p.names(field) || !strings.Contains(fmt.Sprint(p.Errors), tr) {
			t.Errorf("%s in PUT: %+v", field, p.Errors)
		}
	}

	got = *e.move(officerT, &got, map[string]any{"status": "signed"})
	got = *e.move(officerT, &got, map[string]any{"status": "active"})
	if got.Status != accord.AgActive || got.Version != 6 {
		t.Fatalf("active: %+v", got)
	}

	// After signature the signatures are fixed; the other fields still change, the record as read may be sent back.
	changed := copyAgreement(&got)
	changed.Parties[1].SignedOn = "2022-08-01"
	if p := e.do("PUT", path, officerT, changed).want(400).problem(); !p.names("parties") {
		t.Errorf("signatures edited after signing: %v", p.fields())
	}
	changed = copyAgreement(&got)
	changed.Parties = changed.Parties[:1]
	if p := e.do("PUT", path, officerT, changed).want(400).problem(); !p.names("parties") {
		t.Errorf("party removed after signing: %v", p.fields())
	}
	changed = copyAgreement(&got)
	changed.AutoRenewal = true
	e.do("PUT", path, officerT, changed).want(200).json(&got)
	if !got.AutoRenewal || got.Status != accord.AgActive || got.Version != 7 {
		t.Errorf("PUT of an active agreement: %+v", got)
	}

	// Amendments: numbered 1, 2; the answer is the agreement, with its amendments.
	am := path + "/amendments"
	r = e.do("POST", am, officerT, map[string]any{"date": "2022-09-01", "changes": "Adds vaccine logistics to article 3", "reason": "Agreed at the review meeting"},
		"If-Match", `"7"`).want(201)
	r.json(&got)
	if r.header.Get("Location") != path || r.header.Get("ETag") != `"8"` || got.Version != 8 || len(got.Amendments) != 1 ||
		got.Amendments[0].Number != 1 || got.Amendments[0].CreatedBy != "officer@example.org" {
		t.Fatalf("first amendment: %s, Location %q, ETag %q", r.body, r.header.Get("Location"), r.header.Get("ETag"))
	}
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"date": "2022-09-02", "changes": "x", "reason": "y"}, "date"},
		{map[string]any{"date": "someday", "changes": "x", "reason": "y"}, "date"},
		{map[string]any{"date": "2022-09-01", "changes": " ", "reason": "y"}, "changes"},
		{map[string]any{"date": "2022-09-01", "changes": "x"}, "reason"},
		{map[string]any{"date": "2022-09-01", "changes": "x", "reason": "y", "number": 5}, "number"},
	} {
		c.body["version"] = 8
		if p := e.do("POST", am, officerT, c.body).want(400).problem(); !p.names(c.field) {
			t.Errorf("amendment %v: %v, want %s", c.body, p.fields(), c.field)
		}
	}
	e.do("POST", am, officerT, map[string]any{"date": "2022-09-01", "changes": "x", "reason": "y"}, "If-Match", `"7"`).want(412).problem()
	e.do("POST", am, officerT, map[string]any{"date": "2022-09-01", "changes": "x", "reason": "y"}).want(428).problem()
	e.do("POST", am, officerT, map[string]any{"date": "2022-09-01", "changes": "Extends to 2028", "reason": "Delays", "version": 8}).want(201).json(&got)
	if len(got.Amendments) != 2 || got.Amendments[1].Number != 2 || got.Version != 9 {
		t.Fatalf("second amendment: %+v", got)
	}
	// Amendments are sent back as read, not changed, by PUT.
	changed = copyAgreement(&got)
	changed.Amendments[0].Changes = "Something else"
	if p := e.do("PUT", path, officerT, changed).want(400).problem(); !p.names("amendments") {
		t.Errorf("amendment changed by PUT: %v", p.fields())
	}
	changed = copyAgreement(&got)
	changed.NoticeDays = 180
	e.do("PUT", path, officerT, changed).want(200).json(&got)
	if got.NoticeDays != 180 || len(got.Amendments) != 2 || got.Version != 10 {
		t.Errorf("PUT after amendments: %+v", got)
	}

	// Termination needs a reason and a date; what a move does not take is refused.
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"status": "terminated", "date": "2022-09-01"}, "reason"},
		{map[string]any{"status": "terminated", "reason": "Replaced by a framework agreement"}, "date"},
		{map[string]any{"status": "terminated", "reason": "Replaced", "date": "2022-09-02"}, "date"},
		{map[string]any{"status": "suspended", "reason": "Funding paused"}, "reason"},
		{map[string]any{"status": "suspended", "date": "2022-09-01"}, "date"},
		{map[string]any{"status": "suspended", "superseded_by": mou.ID}, "superseded_by"},
		{map[string]any{"status": "superseded"}, "superseded_by"},
		{map[string]any{"status": "superseded", "superseded_by": mou.ID}, "superseded_by"},
		{map[string]any{"status": "expired"}, "status"},
		{map[string]any{"status": "draft"}, "status"},
		{map[string]any{"status": "closed"}, "status"},
		{map[string]any{"status": "active", "note": "x"}, "note"},
	} {
		c.body["version"] = got.Version
		if p := e.do("POST", tr, officerT, c.body).want(400).problem(); !p.names(c.field) {
			t.Errorf("%v: %v, want %s", c.body, p.fields(), c.field)
		}
	}
	// Suspended and back; the answers carry the amendments.
	got = *e.move(officerT, &got, map[string]any{"status": "suspended"})
	if got.Status != accord.AgSuspended || len(got.Amendments) != 2 || got.NoticeDays != 180 {
		t.Errorf("suspended: %+v", got)
	}
	got = *e.move(officerT, &got, map[string]any{"status": "active"})
	got = *e.move(officerT, &got, map[string]any{"status": "terminated", "date": "2022-09-01", "reason": " Replaced by a framework agreement "})
	if got.Status != accord.AgTerminated || got.TerminatedOn != "2022-09-01" || got.TerminationReason != "Replaced by a framework agreement" ||
		len(got.Amendments) != 2 || got.Version != 13 {
		t.Errorf("terminated: %+v", got)
	}
	if p := e.do("POST", tr, officerT, map[string]any{"status": "active", "version": got.Version}).want(400).problem(); !p.names("status") {
		t.Errorf("terminated → active: %v", p.fields())
	}
	// The terminated record can be sent back as read.
	e.do("PUT", path, officerT, got).want(200).json(&got)
	if got.Status != accord.AgTerminated || got.TerminationReason != "Replaced by a framework agreement" {
		t.Errorf("PUT of a terminated agreement: %+v", got)
	}
	e.do("POST", "/api/v1/agreements/999999/transition", officerT, map[string]any{"status": "negotiation", "version": 1}).want(404).problem()

	// History: the creation, every move, edit and amendment, oldest first.
	items, total := listOf[accord.AuditEntry](e.do("GET", path+"/history", officerT, nil).want(200))
	if total != len(items) || len(items) == 0 || items[0].Action != "create" || items[0].Actor != "officer@example.org" {
		t.Fatalf("history: %d of %d, %+v", len(items), total, items)
	}
	var moves []string
	amendments := 0
	for _, it := range items {
		var after struct {
			Status string `json:"status"`
		}
		_ = json.Unmarshal(it.After, &after)
		if it.Action == "update" && after.Status != "" {
			moves = append(moves, after.Status)
		}
		if it.Action == "amend" {
			amendments++
		}
	}
	want := []string{"negotiation", "clearance", "signed", "active", "suspended", "active", "terminated"}
	if !slices.Equal(moves, want) || amendments != 2 {
		t.Errorf("history moves %v, amendments %d; want %v and 2", moves, amendments, want)
	}
	if p := e.do("GET", path+"/history?page=2", officerT, nil).want(400).problem(); !p.names("page") {
		t.Errorf("history query: %v", p.fields())
	}
	e.do("GET", "/api/v1/agreements/999999/history", officerT, nil).want(404).problem()
}

// TestAgreementBodiesFollowTheDomain: the transition and amendment bodies
// are accord.StatusChange and accord.Amendment's given fields, plus version.
func TestAgreementBodiesFollowTheDomain(t *testing.T) {
	for _, c := range []struct {
		body, domain any
		server       []string // fields of the domain type a client does not give
	}{
		{agreementTransitionBody{}, accord.StatusChange{}, nil},
		{amendmentBody{}, accord.Amendment{}, []string{"created_by", "number"}},
	} {
		want := []string{"version"}
		for _, name := range jsonNames(reflect.TypeOf(c.domain)) {
			if !slices.Contains(c.server, name) {
				want = append(want, name)
			}
		}
		slices.Sort(want)
		if got := jsonNames(reflect.TypeOf(c.body)); !slices.Equal(got, want) {
			t.Errorf("%T has %v, want %v", c.body, got, want)
		}
	}
}
