package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func adminCtx() context.Context { return storetest.Admin() }

func orgForm(name string) url.Values {
	return url.Values{"name_en": {name}, "type": {"40"}, "hq_country": {"CH"}}
}

func TestOrganizationCreateAndFind(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	form := orgForm("World Health Organization")
	form.Set("name_ar", "منظمة الصحة العالمية")
	form.Set("acronym", "WHO")
	form.Set("iati_id", "XM-DAC-928")
	p := b.post("/app/organizations", form, "/app/organizations/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", p.StatusCode, p.text(".problems"))
	}
	detail := b.get(p.Header.Get("Location"))
	if detail.text("h1") != "World Health Organization (WHO)" || detail.text(".flash") != "Created." {
		t.Errorf("detail: h1 %q flash %q", detail.text("h1"), detail.text(".flash"))
	}
	list := b.get("/app/organizations?q=health")
	if list.Doc.Find("tbody tr").Length() != 1 || list.text("tbody td a") != "World Health Organization" {
		t.Errorf("search: %d rows", list.Doc.Find("tbody tr").Length())
	}
	if b.get("/app/organizations?q=migration").Doc.Find("tbody tr").Length() != 0 {
		t.Error("search finds what does not match")
	}
}

func TestOrganizationInvalidKeepsInput(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	form := url.Values{"name_en": {""}, "acronym": {"XYZ"}, "type": {"40"}, "website": {"javascript:alert(1)"}, "parent_id": {"abc"}}
	p := b.post("/app/organizations", form, "/app/organizations/new")
	if p.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d", p.StatusCode)
	}
	if v, _ := p.Doc.Find("#acronym").Attr("value"); v != "XYZ" {
		t.Errorf("typed acronym lost: %q", v)
	}
	for _, field := range []string{"parent_id"} {
		if p.text("#"+field+"-error") == "" {
			t.Errorf("no message for %s", field)
		}
	}
	// Field problems from the form and from the rules are reported together once the form parses.
	form.Set("parent_id", "")
	p = b.post("/app/organizations", form, "/app/organizations/new")
	for _, field := range []string{"name_en", "website"} {
		if p.text("#"+field+"-error") == "" {
			t.Errorf("no message for %s: %s", field, p.text(".problems"))
		}
		if v, _ := p.Doc.Find("#" + field).Attr("aria-invalid"); v != "true" {
			t.Errorf("%s not marked invalid", field)
		}
	}
	if _, total, _ := e.db.ListOrganizations(adminCtx(), accord.OrganizationFilter{}); total != 0 {
		t.Errorf("invalid form stored %d organizations", total)
	}
}

func TestOrganizationEditConflict(t *testing.T) {
	e := newEnv(t)
	o := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("International Organization for Migration", "IOM"))
	path := "/app/organizations/" + strconv.FormatInt(o.ID, 10)
	alice := e.signedIn("alice@example.org", accord.RoleOfficer, nil)
	bob := e.signedIn("bob@example.org", accord.RoleOfficer, nil)

	// Both open the edit form at version 1.
	aliceForm, bobForm := orgForm("International Organization for Migration"), orgForm("International Organization for Migration")
	aliceForm.Set("version", "1")
	bobForm.Set("version", "1")
	aliceForm.Set("acronym", "IOM")
	aliceForm.Set("website", "https://www.iom.int")
	bobForm.Set("acronym", "OIM")

	if p := alice.post(path, aliceForm, path+"/edit"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", p.StatusCode)
	}
	p := bob.post(path, bobForm, path+"/edit")
	if p.StatusCode != http.StatusConflict || !strings.Contains(p.text(".problems"), "Someone else changed this record") {
		t.Fatalf("stale save: %d %q", p.StatusCode, p.text(".problems"))
	}
	if v, _ := p.Doc.Find("#acronym").Attr("value"); v != "OIM" {
		t.Errorf("Bob's typed value lost: %q", v)
	}
	if !strings.Contains(p.Body, "Now stored: https://www.iom.int") {
		t.Error("the stored value Bob would overwrite is not shown")
	}
	stored, _ := e.db.GetOrganization(adminCtx(), o.ID)
	if stored.Acronym != "IOM" || stored.Website != "https://www.iom.int" {
		t.Errorf("stale save overwrote: %+v", stored)
	}
	// Saving again from the conflict form is deliberate and goes through.
	version, _ := p.Doc.Find(`input[name="version"]`).Attr("value")
	bobForm.Set("version", version)
	bobForm.Set("website", "https://www.iom.int")
	if p := bob.post(path, bobForm, path+"/edit"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("deliberate save: %d", p.StatusCode)
	}
	if stored, _ := e.db.GetOrganization(adminCtx(), o.ID); stored.Acronym != "OIM" || stored.Version != 3 {
		t.Errorf("after the deliberate save: %+v", stored)
	}
}

func TestViewerCannotChange(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	if p := b.get("/app/organizations/new"); p.StatusCode != http.StatusForbidden {
		t.Errorf("viewer opens the new form: %d", p.StatusCode)
	}
	if p := b.post("/app/organizations", orgForm("X"), "/app/organizations"); p.StatusCode != http.StatusForbidden {
		t.Errorf("viewer creates: %d", p.StatusCode)
	}
	if b.get("/app/organizations").Doc.Find(`a[href="/app/organizations/new"]`).Length() != 0 {
		t.Error("viewer is offered a New button")
	}
}

func TestOrganizationCSV(t *testing.T) {
	e := newEnv(t)
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg("=HYPERLINK(\"http://evil\")", "EVIL"))
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	p := b.get("/app/organizations?format=csv")
	if !strings.HasPrefix(p.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("content type %q", p.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(p.Body)).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][1] != "name_en" {
		t.Fatalf("csv: %v %v", rows, err)
	}
	if rows[1][1] != `'=HYPERLINK("http://evil")` {
		t.Errorf("formula not neutralised: %q", rows[1][1])
	}
	if one := b.get("/app/organizations?format=csv&q=health"); strings.Count(one.Body, "\n") != 2 {
		t.Errorf("filtered export: %q", one.Body)
	}
}

func TestOutputEscaped(t *testing.T) {
	e := newEnv(t)
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg(`<script>alert("x")</script>`, `<img src=x onerror=alert(1)>`))
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	for _, path := range []string{"/app/organizations", "/app/organizations/1", "/app/?q=<script>", "/app/organizations?q=%3Cscript%3E"} {
		p := b.get(path)
		if strings.Contains(p.Body, "<script>alert") || strings.Contains(p.Body, "<img src=x") {
			t.Errorf("%s renders markup from data", path)
		}
	}
}

func TestExportsAsXLSX(t *testing.T) {
	e := newEnv(t)
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	storetest.MustCreateOrg(t, e.db, storetest.NewOrg("=CMD|' /C calc'!A0", "EVIL"))
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	for _, list := range []string{"organizations", "people", "engagements", "action-points", "agreements", "plans", "activities"} {
		p := b.get("/app/" + list + "?format=xlsx")
		if p.StatusCode != 200 || p.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("%s: %d %q", list, p.StatusCode, p.Header.Get("Content-Type"))
		}
	}
	p := b.get("/app/organizations?format=xlsx&q=health")
	f, err := excelize.OpenReader(strings.NewReader(p.Body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 2 || rows[0][1] != "name_en" || rows[1][1] != "World Health Organization" {
		t.Errorf("filtered XLSX: %v", rows)
	}
	f, _ = excelize.OpenReader(strings.NewReader(b.get("/app/organizations?format=xlsx&q=evil").Body))
	rows, _ = f.GetRows(f.GetSheetName(0))
	if len(rows) != 2 || !strings.HasPrefix(rows[1][1], "'=") {
		t.Errorf("formula not neutralised in XLSX: %v", rows)
	}
}
