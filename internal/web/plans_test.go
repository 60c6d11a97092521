package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestPlanActivityAndCountryPages(t *testing.T) {
	e := newEnv(t)
	oic := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Organisation of Islamic Cooperation", "OIC"))
	who := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	mou := &accord.Agreement{Kind: "mou", Title: "OIC–WHO MoU", Parties: []accord.AgreementParty{{OrgID: oic.ID}, {OrgID: who.ID}}}
	if err := e.db.CreateAgreement(storetest.Admin(), mou); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	p := b.post("/app/plans", url.Values{"title": {"Health plan of action"}, "agreement": {strconv.FormatInt(mou.ID, 10)},
		"objective_id": {"", ""}, "objective": {"Vaccine access", ""}}, "/app/plans/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create plan: %d %s", p.StatusCode, p.text(".problems"))
	}
	planPath := p.Header.Get("Location")
	planID := strings.TrimPrefix(planPath, "/app/plans/")
	if p := b.post("/app/plans", url.Values{"title": {"No agreement"}}, "/app/plans/new"); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".error"), "at least one agreement") {
		t.Errorf("plan without agreement: %d %q", p.StatusCode, p.text(".error"))
	}
	plan, _ := e.db.GetPlan(storetest.Admin(), mustAtoi(t, planID))
	act := url.Values{"plan_id": {planID}, "objective_id": {strconv.FormatInt(plan.Objectives[0].ID, 10)}, "title": {"Vaccine access in the Sahel"}, "kind": {"vaccine_access"}, "status": {"2"},
		"lead_org_id": {strconv.FormatInt(who.ID, 10)}, "groups": {"SAHEL"}, "sector_code": {"12250", "12191", ""}, "sector_percent": {"60", "30", ""},
		"budget": {"4000000"}, "currency": {"USD"}}
	p = b.post("/app/activities", act, "/app/activities/new")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".error"), "sum to 100") {
		t.Fatalf("sectors summing to 90: %d %q", p.StatusCode, p.text(".error"))
	}
	if v, _ := p.Doc.Find(`#title`).Attr("value"); v != "Vaccine access in the Sahel" {
		t.Errorf("typed title lost: %q", v)
	}
	act["sector_percent"] = []string{"60", "40", ""}
	p = b.post("/app/activities", act, "/app/activities/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create activity: %d %s %s", p.StatusCode, p.text(".problems"), p.text(".error"))
	}
	detail := b.get(p.Header.Get("Location"))
	if got := detail.text(".facts"); !strings.Contains(got, "ML") || !strings.Contains(got, "4,000,000 USD") {
		t.Errorf("activity page: %q", got)
	}
	if got := b.get(planPath).text(".objective"); !strings.Contains(got, "Vaccine access in the Sahel") {
		t.Errorf("plan page lists under its objective: %q", got)
	}
	// Mali's page counts the Sahel activity; Switzerland's does not.
	if got := b.get("/app/countries/ml").text("main"); !strings.Contains(got, "Vaccine access in the Sahel") || !strings.Contains(got, "Sahel") {
		t.Errorf("Mali page: %q", got)
	}
	if got := b.get("/app/countries/CH").text("main"); strings.Contains(got, "Vaccine access") {
		t.Error("Switzerland's page counts a Sahel activity")
	}
	if p := b.get("/app/countries/ZZ"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown country: %d", p.StatusCode)
	}
	if csv := b.get("/app/activities?format=csv&country=NE"); strings.Count(csv.Body, "\n") != 2 {
		t.Errorf("activities CSV for Niger: %q", csv.Body)
	}
}

func mustAtoi(t *testing.T, s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIndicatorValuesReviewedInTheUI(t *testing.T) {
	e := newEnv(t)
	oic := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Organisation of Islamic Cooperation", "OIC"))
	who := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	ctx := storetest.Admin()
	mou := &accord.Agreement{Kind: "mou", Title: "MoU", Parties: []accord.AgreementParty{{OrgID: oic.ID}, {OrgID: who.ID}}}
	_ = e.db.CreateAgreement(ctx, mou)
	plan := &accord.Plan{Title: "Plan", Agreements: []accord.PlanAgreement{{AgreementID: mou.ID}}}
	_ = e.db.CreatePlan(ctx, plan)
	act := &accord.Activity{PlanID: plan.ID, Title: "Vaccination", Kind: "vaccine_access", LeadOrgID: who.ID}
	if err := e.db.CreateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}
	path := "/app/activities/" + strconv.FormatInt(act.ID, 10)
	officer := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	if p := officer.post(path+"/indicators", url.Values{"name": {"Doses administered"}, "unit": {"doses"}, "target": {"500,000"}}, path); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("add indicator: %d", p.StatusCode)
	}
	ind, _ := e.db.Indicators(ctx, act.ID)
	id := strconv.FormatInt(ind[0].ID, 10)
	if p := officer.post(path+"/values", url.Values{"indicator_id": {id}, "period": {"2023-Q5"}, "value": {"1"}}, path); p.StatusCode != http.StatusBadRequest {
		t.Errorf("bad period: %d", p.StatusCode)
	}
	officer.post(path+"/values", url.Values{"indicator_id": {id}, "period": {"2023-Q1"}, "value": {"120000"}}, path)
	submit := func(b *browser, status string, extra url.Values) page {
		p := b.get(path)
		form := p.Doc.Find(`form[action^="` + path + `/values/"]`).First()
		action, _ := form.Attr("action")
		version, _ := form.Find(`input[name="version"]`).Attr("value")
		if extra == nil {
			extra = url.Values{}
		}
		extra.Set("version", version)
		extra.Set("status", status)
		return b.post(action, extra, path)
	}
	if p := submit(officer, "submitted", nil); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", p.StatusCode, p.text(".problems"))
	}
	editor := e.signedIn("editor@example.org", accord.RoleEditor, nil)
	if got := editor.get("/app/").text(".attention"); !strings.Contains(got, "Doses administered") {
		t.Errorf("home page of an approver: %q", got)
	}
	if p := submit(editor, "returned", nil); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text("main"), "say why") {
		t.Errorf("return without a comment: %d", p.StatusCode)
	}
	if p := submit(editor, "approved", nil); p.StatusCode != http.StatusSeeOther {
		t.Errorf("approve: %d", p.StatusCode)
	}
	if got := officer.get(path).text(".indicator"); !strings.Contains(got, "approved") || !strings.Contains(got, "120,000") {
		t.Errorf("indicator after approval: %q", got)
	}
}

func TestFourWExportHasHXLTags(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	p := b.get("/app/activities?format=hxl")
	lines := strings.Split(p.Body, "\n")
	if p.StatusCode != 200 || len(lines) < 2 || !strings.HasPrefix(lines[1], "#activity+name,") || !strings.Contains(lines[1], "#country+code") {
		t.Errorf("4W export: %d %q", p.StatusCode, p.Body)
	}
}
