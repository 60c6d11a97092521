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

func TestAgreementAmendmentNeedsSignature(t *testing.T) {
	e := newEnv(t)
	e.db.UseClock(func() time.Time { return agreementDay })
	g := e.geneva()
	mou := e.agreement(e.adminT, g.whoMoU())
	p := e.do("POST", fmt.Sprintf("/api/v1/agreements/%d/amendments", mou.ID), e.adminT,
		map[string]any{"date": "2022-09-01", "changes": "Adds article 4", "reason": "Asked by WHO", "version": 1}).want(400).problem()
	if !p.names("status") {
		t.Errorf("amendment of a draft: %v", p.fields())
	}
	var got accord.Agreement
	e.do("GET", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), e.adminT, nil).want(200).json(&got)
	if got.Version != 1 || len(got.Amendments) != 0 {
		t.Errorf("a refused amendment changed the draft: %+v", got)
	}
}

func TestAgreementValidation(t *testing.T) {
	e := newEnv(t)
	e.db.UseClock(func() time.Time { return agreementDay })
	g := e.geneva()
	with := func(edit func(map[string]any)) map[string]any {
		b := g.whoMoU()
		edit(b)
		return b
	}
	for _, c := range []struct {
		name  string
		body  any
		field string
	}{
		{"one party", with(func(b map[string]any) { b["parties"] = []map[string]any{{"org_id": g.oic.ID}} }), "parties"},
		{"no parties", with(func(b map[string]any) { delete(b, "parties") }), "parties"},
		{"future signature", with(func(b map[string]any) {
			b["parties"] = []map[string]any{{"org_id": g.oic.ID, "signed_on": "2022-09-02"}, {"org_id": g.who.ID}}
		}), "parties[0].signed_on"},
		{"party twice", with(func(b map[string]any) { b["parties"] = []map[string]any{{"org_id": g.oic.ID}, {"org_id": g.oic.ID}} }), "parties[1].org_id"},
		{"unknown party", with(func(b map[string]any) { b["parties"] = []map[string]any{{"org_id": g.oic.ID}, {"org_id": 999999}} }), "parties[1].org_id"},
		{"unknown kind", with(func(b map[string]any) { b["kind"] = "treaty" }), "kind"},
		{"no title", with(func(b map[string]any) { b["title"] = " " }), "title"},
		{"expiry before effect", with(func(b map[string]any) { b["expiry_date"] = "2022-12-31" }), "expiry_date"},
		{"bad date", with(func(b map[string]any) { b["effective_date"] = "1 January 2023" }), "effective_date"},
		{"notice", with(func(b map[string]any) { b["notice_days"] = -1 }), "notice_days"},
		{"unknown engagement", with(func(b map[string]any) { b["engagement_id"] = 999999 }), "engagement_id"},
		{"status", with(func(b map[string]any) { b["status"] = "signed" }), "status"},
		{"terminated_on", with(func(b map[string]any) { b["terminated_on"] = "2022-08-01" }), "terminated_on"},
		{"termination_reason", with(func(b map[string]any) { b["termination_reason"] = "Replaced" }), "termination_reason"},
		{"superseded_by", with(func(b map[string]any) { b["superseded_by"] = 1 }), "superseded_by"},
		{"amendments", with(func(b map[string]any) {
			b["amendments"] = []map[string]any{{"date": "2022-08-01", "changes": "x", "reason": "y"}}
		}), "amendments"},
		{"unknown field", with(func(b map[string]any) { b["signed"] = true }), "signed"},
		{"wrong type", with(func(b map[string]any) { b["notice_days"] = "90" }), "notice_days"},
	} {
		p := e.do("POST", "/api/v1/agreements", e.adminT, c.body).want(400).problem()
		if !p.names(c.field) {
			t.Errorf("%s: problem names %v, not %s", c.name, p.fields(), c.field)
		}
	}
	for _, field := range []string{"status", "terminated_on", "termination_reason", "superseded_by"} {
		b := g.whoMoU()
		b[field] = map[string]any{"status": "active", "terminated_on": "2022-08-01", "termination_reason": "x", "superseded_by": 1}[field]
		p := e.do("POST", "/api/v1/agreements", e.adminT, b).want(400).problem()
		if !strings.Contains(fmt.Sprint(p.Errors), "/api/v1/agreements/{id}/transition") {
			t.Errorf("%s on create does not point to the transition: %+v", field, p.Errors)
		}
	}
	e.do("POST", "/api/v1/agreements", e.adminT, `{"kind": "mou",`).want(400).problem()
	e.do("POST", "/api/v1/agreements", e.adminT, `[]`).want(400).problem()
	e.do("POST", "/api/v1/agreements", e.adminT, g.whoMoU(), "Content-Type", "text/plain").want(415).problem()
	if _, total := listOf[accord.Agreement](e.do("GET", "/api/v1/agreements", e.adminT, nil).want(200)); total != 0 {
		t.Errorf("refused writes created records: total %d", total)
	}

	for query, field := range map[string]string{
		"kind=treaty":         "kind",
		"status=closed":       "status",
		"org_id=x":            "org_id",
		"expiring_days=0":     "expiring_days",
		"expiring_days=3651":  "expiring_days",
		"expiring_days=soon":  "expiring_days",
		"expiry_date=2027-12": "expiry_date",
		"per_page=201":        "per_page",
	} {
		p := e.do("GET", "/api/v1/agreements?"+query, e.adminT, nil).want(400).problem()
		if !p.names(field) {
			t.Errorf("?%s: problem names %v, not %s", query, p.fields(), field)
		}
	}
	e.do("GET", "/api/v1/agreements/x", e.adminT, nil).want(400).problem()
	e.do("GET", "/api/v1/agreements/999999", e.adminT, nil).want(404).problem()
}

func TestAgreementFilters(t *testing.T) {
	e := newEnv(t)
	e.db.UseClock(func() time.Time { return agreementDay })
	g := e.geneva()
	mou := e.agreement(e.adminT, g.whoMoU())
	icrc := e.agreement(e.adminT, g.icrcAgreement())
	for _, to := range []string{"negotiation", "clearance", "signed", "active"} {
		icrc = e.move(e.adminT, icrc, map[string]any{"status": to})
	}
	e.do("POST", fmt.Sprintf("/api/v1/agreements/%d/amendments", icrc.ID), e.adminT,
		map[string]any{"date": "2022-06-01", "changes": "Adds a work plan", "reason": "Review", "version": icrc.Version}).want(201)

	ids := func(query string) string {
		t.Helper()
		items, total := listOf[accord.Agreement](e.do("GET", "/api/v1/agreements"+query, e.adminT, nil).want(200))
		var out []int64
		for _, it := range items {
			out = append(out, it.ID)
			if len(it.Parties) != 2 || it.Parties[0].OrgName == "" {
				t.Errorf("%s: parties of %d: %+v", query, it.ID, it.Parties)
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
		{"", []int64{icrc.ID, mou.ID}}, // ending soonest first
		{"?status=active", []int64{icrc.ID}},
		{"?status=draft", []int64{mou.ID}},
		{"?status=terminated", nil},
		{"?kind=mou", []int64{mou.ID}},
		{"?kind=cooperation_agreement", []int64{icrc.ID}},
		{fmt.Sprintf("?org_id=%d", g.who.ID), []int64{mou.ID}},
		{fmt.Sprintf("?org_id=%d", g.icrc.ID), []int64{icrc.ID}},
		{fmt.Sprintf("?org_id=%d", g.oic.ID), []int64{icrc.ID, mou.ID}},
		{"?expiring_days=60", []int64{icrc.ID}}, // 15 October 2022, from 1 September by the store's clock
		{"?expiring_days=30", nil},
		{"?expiring_days=3650", []int64{icrc.ID}}, // the MoU is a draft
		{"?expiring_days=60&status=draft", nil},
		{"?q=memorandum", []int64{mou.ID}},
		{"?q=red+cross", []int64{icrc.ID}},
		{"?q=mardini", []int64{icrc.ID}},
		{"?q=world+health", []int64{mou.ID}},
		{"?q=cooperation", []int64{icrc.ID, mou.ID}},
		{"?q=treaty", nil},
	} {
		if got := ids(c.query); got != fmt.Sprint(c.want) {
			t.Errorf("agreements%s: %s, want %v", c.query, got, c.want)
		}
	}
	r := e.do("GET", "/api/v1/agreements?per_page=1&page=2", e.adminT, nil).want(200)
	items, total := listOf[accord.Agreement](r)
	if total != 2 || len(items) != 1 || items[0].ID != mou.ID {
		t.Errorf("page 2 of 2: %+v, total %d", items, total)
	}
	// Lists carry the amendments too.
	r = e.do("GET", "/api/v1/agreements?status=active", e.adminT, nil).want(200)
	if active, _ := listOf[accord.Agreement](r); len(active) != 1 || len(active[0].Amendments) != 1 {
		t.Errorf("amendments in a list: %s", r.body)
	}
	var got accord.Agreement
	e.do("GET", fmt.Sprintf("/api/v1/agreements/%d", icrc.ID), e.adminT, nil).want(200).json(&got)
	if len(got.Amendments) != 1 {
		t.Errorf("read: %+v", got.Amendments)
	}
}

func TestAgreementRoles(t *testing.T) {
	e := newEnv(t)
	e.db.UseClock(func() time.Time { return agreementDay })
	g := e.geneva()
	mou := e.agreement(e.adminT, g.whoMoU())
	icrc := e.agreement(e.adminT, g.icrcAgreement())
	for _, to := range []string{"negotiation", "clearance", "signed", "active"} {
		icrc = e.move(e.adminT, icrc, map[string]any{"status": to})
	}
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)

	e.do("POST", "/api/v1/agreements", viewerT, g.whoMoU()).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), viewerT, mou).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), viewerT, mou, "If-Match", `"1"`).want(403).problem()
	e.do("POST", fmt.Sprintf("/api/v1/agreements/%d/transition", mou.ID), viewerT, map[string]any{"status": "negotiation", "version": 1}).want(403).problem()
	e.do("POST", fmt.Sprintf("/api/v1/agreements/%d/amendments", icrc.ID), viewerT,
		map[string]any{"date": "2022-09-01", "changes": "x", "reason": "y", "version": icrc.Version}).want(403).problem()
	// Reading is fine.
	e.do("GET", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), viewerT, nil).want(200)
	e.do("GET", fmt.Sprintf("/api/v1/agreements/%d/history", mou.ID), viewerT, nil).want(200)
	if _, total := listOf[accord.Agreement](e.do("GET", "/api/v1/agreements", viewerT, nil).want(200)); total != 2 {
		t.Errorf("viewer sees %d agreements", total)
	}
	var got accord.Agreement
	e.do("GET", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), e.adminT, nil).want(200).json(&got)
	if got.Version != 1 || got.Status != accord.AgDraft {
		t.Errorf("changed by a viewer: %+v", got)
	}
	e.do("GET", "/api/v1/agreements", "", nil).want(401).problem()
}

// TestPartnerSeesOnlyItsAgreements: a WHO focal point sees the OIC–WHO MoU
// and nothing of the OIC–ICRC agreement, by list, filter, search, id or history.
func TestPartnerSeesOnlyItsAgreements(t *testing.T) {
	e := newEnv(t)
	e.db.UseClock(func() time.Time { return agreementDay })
	g := e.geneva()
	mou := e.agreement(e.adminT, g.whoMoU())
	icrc := e.agreement(e.adminT, g.icrcAgreement())
	for _, to := range []string{"negotiation", "clearance", "signed", "active"} {
		icrc = e.move(e.adminT, icrc, map[string]any{"status": to})
	}
	_, partnerT := e.user("focal@who.int", accord.RolePartner, &g.who.ID)

	secrets := []string{"Red Cross", "ICRC", "Mardini", "humanitarian"}
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
		{"?status=active", 0},
		{"?expiring_days=60", 0},
		{"?kind=cooperation_agreement", 0},
		{"?q=red+cross", 0},
		{"?q=icrc", 0},
		{"?q=mardini", 0},
		{"?q=cooperation+agreement", 0},
		{"?q=cooperation", 1}, // the Organisation of Islamic Cooperation is a party
		{"?q=memorandum", 1},
		{fmt.Sprintf("?org_id=%d", g.icrc.ID), 0},
		{fmt.Sprintf("?org_id=%d", g.oic.ID), 1},
	} {
		r := e.do("GET", "/api/v1/agreements"+c.query, partnerT, nil).want(200)
		items, total := listOf[accord.Agreement](r)
		if total != c.total || (total == 1 && items[0].ID != mou.ID) {
			t.Errorf("agreements%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}
	for _, path := range []string{
		fmt.Sprintf("/api/v1/agreements/%d", icrc.ID),
		fmt.Sprintf("/api/v1/agreements/%d/history", icrc.ID),
	} {
		r := e.do("GET", path, partnerT, nil).want(404)
		r.problem()
		leaks(r)
	}
	e.do("GET", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), partnerT, nil).want(200)
	items, _ := listOf[accord.AuditEntry](e.do("GET", fmt.Sprintf("/api/v1/agreements/%d/history", mou.ID), partnerT, nil).want(200))
	if len(items) != 1 || items[0].Action != "create" || items[0].EntityID != mou.ID {
		t.Errorf("partner's history of the MoU: %+v", items)
	}

	// A partner changes nothing, theirs or not.
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/api/v1/agreements", g.whoMoU()},
		{"PUT", fmt.Sprintf("/api/v1/agreements/%d", mou.ID), mou},
		{"PUT", fmt.Sprintf("/api/v1/agreements/%d", icrc.ID), map[string]any{"kind": "mou", "title": "Mine now", "version": icrc.Version}},
		{"POST", fmt.Sprintf("/api/v1/agreements/%d/transition", mou.ID), map[string]any{"status": "negotiation", "version": 1}},
		{"POST", fmt.Sprintf("/api/v1/agreements/%d/transition", icrc.ID), map[string]any{"status": "suspended", "version": icrc.Version}},
		{"POST", fmt.Sprintf("/api/v1/agreements/%d/amendments", icrc.ID), map[string]any{"date": "2022-09-01", "changes": "x", "reason": "y", "version": icrc.Version}},
	} {
		r := e.do(c.method, c.path, partnerT, c.body).want(403)
		r.problem()
		leaks(r)
	}
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
