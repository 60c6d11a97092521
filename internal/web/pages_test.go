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

// TestEveryPageInEveryLanguage renders each page as an administrator in
// English, French and Arabic: every template executes against its page type,
// speaks the language asked for, and in Arabic runs right to left.
func TestEveryPageInEveryLanguage(t *testing.T) {
	e := newEnv(t)
	who := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé",
		NameAR: "منظمة الصحة العالمية", Acronym: "WHO", Type: "40", HQCountry: "CH"})
	p := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: who.ID, From: "2017-07-01"}}}
	if err := e.db.CreatePerson(storetest.Admin(), p); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	paths := []string{"/", "/app/", "/app/organizations", "/app/organizations/new", "/app/organizations/1", "/app/organizations/1/edit",
		"/app/people", "/app/people/new", "/app/people/1", "/app/people/1/edit", "/app/country-groups", "/app/tokens", "/app/users", "/app/audit",
		"/app/engagements", "/app/engagements/new", "/app/action-points", "/app/action-points?mine=1", "/app/action-points?overdue=1",
		"/app/agreements", "/app/agreements/new", "/app/agreements?expiring=90",
		"/app/plans", "/app/plans/new", "/app/activities", "/app/activities/new", "/app/countries/AF",
		"/app/funding", "/app/funding/country", "/app/funding/partner", "/app/funding/sector", "/app/funding/plan", "/app/funding/appeal",
		"/app/funding/year", "/app/appeals", "/app/appeals/new", "/app/flows", "/app/flows/new", "/app/rates"}
	want := map[string]struct{ dir, word string }{
		"en": {"ltr", "Organizations"}, "fr": {"ltr", "Organisations"}, "ar": {"rtl", "المنظمات"},
	}
	for lang, w := range want {
		b.Lang = lang
		for _, path := range paths {
			page := b.get(path)
			if page.StatusCode != http.StatusOK {
				t.Errorf("%s %s: status %d", lang, path, page.StatusCode)
				continue
			}
			html := page.Doc.Find("html")
			if l, _ := html.Attr("lang"); l != lang {
				t.Errorf("%s %s: lang=%q", lang, path, l)
			}
			if d, _ := html.Attr("dir"); d != w.dir {
				t.Errorf("%s %s: dir=%q", lang, path, d)
			}
			if path != "/" && !strings.Contains(page.text("nav"), w.word) {
				t.Errorf("%s %s: menu lacks %q: %q", lang, path, w.word, page.text("nav"))
			}
		}
	}
	b.Lang = "fr"
	if got := b.get("/app/people/1").text(".timeline .muted"); !strings.Contains(got, "1 juillet 2017") {
		t.Errorf("French date: %q", got)
	}
	b.Lang = "ar"
	if got := b.get("/app/organizations").text("tbody td a"); got != "منظمة الصحة العالمية" {
		t.Errorf("Arabic list shows %q", got)
	}
}

func TestLanguageSwitchRemembered(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.Lang = "fr-CH, fr;q=0.9"
	if got := b.get("/app/login").text("h1"); got != "Connexion" && !strings.Contains(got, "onnex") {
		t.Errorf("Accept-Language fr: %q", got)
	}
	p := b.post("/language", url.Values{"lang": {"ar"}, "next": {"/app/login"}}, "/app/login")
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/app/login" {
		t.Fatalf("switch: %d %q", p.StatusCode, p.Header.Get("Location"))
	}
	if d, _ := b.get("/app/login").Doc.Find("html").Attr("dir"); d != "rtl" {
		t.Errorf("after choosing Arabic: dir=%q", d)
	}
	if p := b.post("/language", url.Values{"lang": {"xx"}}, "/app/login"); p.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown language: %d", p.StatusCode)
	}
}

func TestPersonWithPositions(t *testing.T) {
	e := newEnv(t)
	oic := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Organisation of Islamic Cooperation", "OIC"))
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	org := strconv.FormatInt(oic.ID, 10)
	form := url.Values{"name": {"Tarig Ali Bakhiet"}, "honorific": {"Ambassador"},
		"pos_title": {"Assistant Secretary-General", "Special Envoy to Afghanistan", ""},
		"pos_org":   {org, org, ""}, "pos_from": {"2019-01-01", "2022-01-01", ""}, "pos_to": {"", "", ""}}
	p := b.post("/app/people", form, "/app/people/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", p.StatusCode, p.text(".problems"))
	}
	detail := b.get(p.Header.Get("Location"))
	if n := detail.Doc.Find(".timeline li").Length(); n != 2 {
		t.Errorf("positions shown: %d, want 2 held at once", n)
	}
	// A bad date in one row names that row and keeps every row typed.
	form.Set("name", "Someone Else")
	form["pos_from"] = []string{"2019-01-01", "not a date", ""}
	p = b.post("/app/people", form, "/app/people/new")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".positions"), "must be a date") {
		t.Errorf("bad date: %d %q", p.StatusCode, p.text(".positions"))
	}
	if v, _ := p.Doc.Find(`input[name="pos_title"]`).Eq(1).Attr("value"); v != "Special Envoy to Afghanistan" {
		t.Errorf("typed row lost: %q", v)
	}
}

func TestTokensPage(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	p := b.post("/app/tokens", url.Values{"name": {"my script"}}, "/app/tokens")
	secret := p.text("#new-token")
	if p.StatusCode != http.StatusCreated || !strings.HasPrefix(secret, "accord_") {
		t.Fatalf("create: %d %q", p.StatusCode, secret)
	}
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/api/v1/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	if res := e.browser().do(req); res.StatusCode != 200 {
		t.Errorf("the new token does not work: %d", res.StatusCode)
	}
	list := b.get("/app/tokens")
	if strings.Contains(list.Body, secret) {
		t.Error("the secret is shown again")
	}
	action, _ := list.Doc.Find(`form[action$="/revoke"]`).Attr("action")
	b.post(action, url.Values{}, "/app/tokens")
	if res := e.browser().do(req); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token still works: %d", res.StatusCode)
	}
	if p := b.post("/app/tokens", url.Values{"name": {"  "}}, "/app/tokens"); p.StatusCode != http.StatusBadRequest {
		t.Errorf("empty name: %d", p.StatusCode)
	}
}

func TestAdminPages(t *testing.T) {
	e := newEnv(t)
	officer := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	for _, path := range []string{"/app/users", "/app/audit"} {
		if p := officer.get(path); p.StatusCode != http.StatusForbidden {
			t.Errorf("officer sees %s: %d", path, p.StatusCode)
		}
	}
	if p := officer.post("/app/country-groups", url.Values{"code": {"G5"}, "name_en": {"G5"}, "members": {"ML"}}, "/app/country-groups"); p.StatusCode != http.StatusForbidden {
		t.Errorf("officer creates a group: %d", p.StatusCode)
	}
	admin := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	p := admin.post("/app/users", url.Values{"email": {"new@example.org"}, "name": {"New"}, "role": {"editor"}, "password": {"short"}}, "/app/users")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Body, "password is too short") {
		t.Errorf("short password: %d", p.StatusCode)
	}
	p = admin.post("/app/users", url.Values{"email": {"new@example.org"}, "name": {"New"}, "role": {"editor"}, "password": {"password1234"}}, "/app/users")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Body, "password is on a list of common and breached passwords") {
		t.Errorf("common password: %d", p.StatusCode)
	}
	p = admin.post("/app/users", url.Values{"email": {"new@example.org"}, "name": {"New"}, "role": {"editor"}, "password": {"long enough password"}}, "/app/users")
	if p.StatusCode != http.StatusSeeOther {
		t.Errorf("create user: %d %s", p.StatusCode, p.text(".problems"))
	}
	p = admin.post("/app/country-groups", url.Values{"code": {"G5"}, "name_en": {"G5 Sahel"}, "members": {"ML NE, BF TD MR XX"}}, "/app/country-groups")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Doc.Text(), `"XX" is not an ISO 3166-1 country code`) {
		t.Errorf("group with unknown member: %d", p.StatusCode)
	}
	p = admin.post("/app/country-groups", url.Values{"code": {"G5"}, "name_en": {"G5 Sahel"}, "members": {"ML NE, BF TD MR"}}, "/app/country-groups")
	if p.StatusCode != http.StatusSeeOther {
		t.Errorf("create group: %d", p.StatusCode)
	}
	audit := admin.get("/app/audit?entity=country_group")
	if audit.Doc.Find("tbody tr").Length() != 1 || !strings.Contains(audit.text("tbody tr"), "admin@example.org") {
		t.Errorf("audit of the group: %q", audit.text("tbody"))
	}
	if p := admin.get("/app/audit?since=yesterday"); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Doc.Text(), "since") {
		t.Errorf("bad audit filter: %d %q", p.StatusCode, p.text(".problems"))
	}
}

// TestPartnerSeesOnlyOwnOrganization checks every page and export of the
// staff application as a partner bound to WHO.
func TestPartnerSeesOnlyOwnOrganization(t *testing.T) {
	e := newEnv(t)
	who := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	icrc := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("International Committee of the Red Cross", "ICRC"))
	mardini := &accord.Person{Name: "Robert Mardini", Positions: []accord.Position{{Title: "Director-General", OrgID: icrc.ID}}}
	if err := e.db.CreatePerson(storetest.Admin(), mardini); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("focal@who.int", accord.RolePartner, &who.ID)
	for _, path := range []string{"/app/", "/app/organizations", "/app/organizations?q=red+cross", "/app/organizations?format=csv",
		"/app/people", "/app/people?q=mardini", "/app/people?format=csv", "/app/organizations/" + strconv.FormatInt(who.ID, 10)} {
		p := b.get(path)
		if strings.Contains(p.Body, "Red Cross") || strings.Contains(p.Body, "Mardini") {
			t.Errorf("partner of WHO sees ICRC's records at %s", path)
		}
	}
	for _, path := range []string{"/app/organizations/" + strconv.FormatInt(icrc.ID, 10), "/app/people/" + strconv.FormatInt(mardini.ID, 10)} {
		if p := b.get(path); p.StatusCode != http.StatusNotFound {
			t.Errorf("partner opens %s: %d", path, p.StatusCode)
		}
	}
}
