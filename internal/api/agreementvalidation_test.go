package api

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

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
