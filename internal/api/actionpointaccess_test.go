package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestActionPointFilters(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	officer, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	whoM := e.engagement(e.adminT, g.whoMeeting())
	icrcM := e.engagement(e.adminT, g.icrcMeeting())
	mou := e.point(e.adminT, map[string]any{"engagement_id": whoM.ID, "text": "Develop a new memorandum of understanding", "owner_id": officer.ID,
		"parties": []map[string]any{{"org_id": g.who.ID}}})
	plan := e.point(e.adminT, map[string]any{"engagement_id": whoM.ID, "text": "Draft a plan of action", "owner_id": e.admin.ID})
	seminars := e.point(e.adminT, map[string]any{"engagement_id": icrcM.ID, "text": "Continue seminars and workshops on humanitarian law", "owner_id": officer.ID})
	e.do("POST", fmt.Sprintf("/api/v1/action-points/%d/transition", plan.ID), e.adminT, map[string]any{"status": "in_progress", "version": 1}).want(200)

	ids := func(query, token string) string {
		t.Helper()
		items, total := listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points"+query, token, nil).want(200))
		var out []int64
		for _, it := range items {
			out = append(out, it.ID)
		}
		if total != len(items) {
			t.Errorf("%s: total %d for %d items", query, total, len(items))
		}
		return fmt.Sprint(out)
	}
	for _, c := range []struct {
		query, token string
		want         []int64
	}{
		{"?owner_id=me", officerT, []int64{seminars.ID, mou.ID}},
		{"?owner_id=me", e.adminT, []int64{plan.ID}},
		{fmt.Sprintf("?owner_id=%d", officer.ID), e.adminT, []int64{seminars.ID, mou.ID}},
		{"?owner_id=me&status=open", officerT, []int64{seminars.ID, mou.ID}},
		{"?owner_id=me&q=seminars", officerT, []int64{seminars.ID}},
		{fmt.Sprintf("?engagement_id=%d", whoM.ID), e.adminT, []int64{plan.ID, mou.ID}},
		{fmt.Sprintf("?engagement_id=%d", icrcM.ID), e.adminT, []int64{seminars.ID}},
		{fmt.Sprintf("?org_id=%d", g.icrc.ID), e.adminT, []int64{seminars.ID}},
		{fmt.Sprintf("?org_id=%d", g.oic.ID), e.adminT, []int64{seminars.ID, plan.ID, mou.ID}},
		{"?status=in_progress", e.adminT, []int64{plan.ID}},
		{"?status=done", e.adminT, nil},
		{"?q=memorandum", e.adminT, []int64{mou.ID}},
		{"?q=humanitarian", e.adminT, []int64{seminars.ID}},
	} {
		if got := ids(c.query, c.token); got != fmt.Sprint(c.want) {
			t.Errorf("action-points%s: %s, want %v", c.query, got, c.want)
		}
	}
	items, total := listOf[accord.ActionPoint](e.do("GET", "/api/v1/action-points?per_page=2&page=2", e.adminT, nil).want(200))
	if total != 3 || len(items) != 1 {
		t.Errorf("page 2 of 2: %d items, total %d", len(items), total)
	}
}

func TestActionPointRoles(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	m := e.engagement(e.adminT, g.whoMeeting())
	ap := e.point(e.adminT, map[string]any{"engagement_id": m.ID, "text": "Develop a new memorandum of understanding"})
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)

	e.do("POST", "/api/v1/engagements", viewerT, g.whoMeeting()).want(403).problem()
	e.do("POST", "/api/v1/action-points", viewerT, map[string]any{"engagement_id": m.ID, "text": "x"}).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/engagements/%d", m.ID), viewerT, m).want(403).problem()
	e.do("DELETE", fmt.Sprintf("/api/v1/engagements/%d", m.ID), viewerT, nil, "If-Match", `"1"`).want(403).problem()
	e.do("PUT", fmt.Sprintf("/api/v1/action-points/%d", ap.ID), viewerT, ap).want(403).problem()
	e.do("POST", fmt.Sprintf("/api/v1/action-points/%d/transition", ap.ID), viewerT, map[string]any{"status": "in_progress", "version": 1}).want(403).problem()
	// Reading is fine.
	e.do("GET", fmt.Sprintf("/api/v1/engagements/%d", m.ID), viewerT, nil).want(200)
	e.do("GET", fmt.Sprintf("/api/v1/action-points/%d", ap.ID), viewerT, nil).want(200)
	if _, total := listOf[accord.Engagement](e.do("GET", "/api/v1/engagements", viewerT, nil).want(200)); total != 1 {
		t.Errorf("viewer sees %d engagements", total)
	}
	e.do("GET", "/api/v1/action-points", "", nil).want(401).problem()
	e.do("GET", "/api/v1/engagements", "", nil).want(401).problem()
}

// TestPartnerSeesOnlyItsEngagements: a WHO focal point sees the OIC–WHO
// meeting and its action points, and nothing of the OIC–ICRC meeting, by
// list, filter, search or id.
func TestPartnerSeesOnlyItsEngagements(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	whoM := e.engagement(e.adminT, g.whoMeeting())
	icrcM := e.engagement(e.adminT, g.icrcMeeting())
	mou := e.point(e.adminT, map[string]any{"engagement_id": whoM.ID, "text": "Develop a new memorandum of understanding and a plan of action", "due_date": "2022-12-31"})
	seminars := e.point(e.adminT, map[string]any{"engagement_id": icrcM.ID, "text": "Continue seminars and workshops on humanitarian law", "due_date": "2022-12-31",
		"parties": []map[string]any{{"org_id": g.oic.ID}, {"org_id": g.icrc.ID}}})
	_, partnerT := e.user("focal@who.int", accord.RolePartner, &g.who.ID)

	secrets := []string{"Red Cross", "ICRC", "Mardini", "humanitarian", "seminars", "work plan"}
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
		{"?kind=meeting&country=CH", 1},
		{"?q=humanitarian", 0},
		{"?q=red+cross", 0},
		{"?q=icrc", 0},
		{"?q=mardini", 0},
		{"?q=geneva", 1},
		{"?from=2022-07-21&to=2022-07-21", 0},
		{fmt.Sprintf("?org_id=%d", g.icrc.ID), 0},
		{fmt.Sprintf("?person_id=%d", g.mardini.ID), 0},
		{fmt.Sprintf("?org_id=%d", g.oic.ID), 1},
	} {
		r := e.do("GET", "/api/v1/engagements"+c.query, partnerT, nil).want(200)
		items, total := listOf[accord.Engagement](r)
		if total != c.total || (total == 1 && items[0].ID != whoM.ID) {
			t.Errorf("engagements%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}
	for _, c := range []struct {
		query string
		total int
	}{
		{"", 1},
		{"?overdue=true", 1},
		{"?overdue=false", 0},
		{"?status=open", 1},
		{"?q=seminars", 0},
		{"?q=humanitarian", 0},
		{"?q=memorandum", 1},
		{fmt.Sprintf("?engagement_id=%d", icrcM.ID), 0},
		{fmt.Sprintf("?org_id=%d", g.icrc.ID), 0},
		{fmt.Sprintf("?org_id=%d", g.oic.ID), 1},
	} {
		r := e.do("GET", "/api/v1/action-points"+c.query, partnerT, nil).want(200)
		items, total := listOf[accord.ActionPoint](r)
		if total != c.total || (total == 1 && items[0].ID != mou.ID) {
			t.Errorf("action-points%s: total %d, want %d", c.query, total, c.total)
		}
		leaks(r)
	}

	// By id: ICRC's are not found, as if they did not exist; WHO's are.
	for _, path := range []string{
		fmt.Sprintf("/api/v1/engagements/%d", icrcM.ID),
		fmt.Sprintf("/api/v1/action-points/%d", seminars.ID),
	} {
		r := e.do("GET", path, partnerT, nil).want(404)
		r.problem()
		leaks(r)
	}
	var m accord.Engagement
	e.do("GET", fmt.Sprintf("/api/v1/engagements/%d", whoM.ID), partnerT, nil).want(200).json(&m)
	if len(m.Participants) != 2 || m.Participants[1].PersonName != "Tedros Adhanom Ghebreyesus" {
		t.Errorf("partner's read of its meeting: %+v", m)
	}
	e.do("GET", fmt.Sprintf("/api/v1/action-points/%d", mou.ID), partnerT, nil).want(200)

	// A partner changes nothing, theirs or not.
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/api/v1/engagements", g.whoMeeting()},
		{"PUT", fmt.Sprintf("/api/v1/engagements/%d", whoM.ID), whoM},
		{"PUT", fmt.Sprintf("/api/v1/engagements/%d", icrcM.ID), icrcM},
		{"DELETE", fmt.Sprintf("/api/v1/engagements/%d", icrcM.ID), map[string]int{"version": 1}},
		{"POST", "/api/v1/action-points", map[string]any{"engagement_id": whoM.ID, "text": "x"}},
		{"PUT", fmt.Sprintf("/api/v1/action-points/%d", mou.ID), mou},
		{"PUT", fmt.Sprintf("/api/v1/action-points/%d", seminars.ID), seminars},
		{"POST", fmt.Sprintf("/api/v1/action-points/%d/transition", mou.ID), map[string]any{"status": "done", "note": "x", "version": 1}},
		{"POST", fmt.Sprintf("/api/v1/action-points/%d/transition", seminars.ID), map[string]any{"status": "dropped", "note": "x", "version": 1}},
	} {
		r := e.do(c.method, c.path, partnerT, c.body).want(403)
		r.problem()
		leaks(r)
	}
	var still accord.ActionPoint
	e.do("GET", fmt.Sprintf("/api/v1/action-points/%d", seminars.ID), e.adminT, nil).want(200).json(&still)
	if still.Status != accord.APOpen || still.Version != 1 {
		t.Errorf("ICRC's point changed by the partner: %+v", still)
	}
}
