package api

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

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
