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

func TestEngagementAndActionPointPages(t *testing.T) {
	e := newEnv(t)
	oic := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Organisation of Islamic Cooperation", "OIC"))
	who := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	tedros := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: who.ID}}}
	if err := e.db.CreatePerson(storetest.Admin(), tedros); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)

	form := url.Values{"kind": {"meeting"}, "title": {"OIC–WHO meeting"}, "date": {"2022-07-22"}, "date_precision": {"day"},
		"city": {"Geneva"}, "country": {"CH"}, "org": {strconv.FormatInt(oic.ID, 10)},
		"pt_person": {strconv.FormatInt(tedros.ID, 10), ""}, "pt_title": {"Director-General", ""}, "pt_org": {strconv.FormatInt(who.ID, 10), ""},
		"topics": {"COVID-19 vaccines\r\nmedical supplies"}, "summary": {"Health in Afghanistan and the Sahel."},
		"src_title": {"OIC press release"}, "src_url": {"https://example.org/release"}}
	p := b.post("/app/engagements", form, "/app/engagements/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create engagement: %d %s", p.StatusCode, p.text(".problems"))
	}
	path := p.Header.Get("Location")
	page := b.get(path)
	if !strings.Contains(page.text(".facts"), "22 July 2022") || page.Doc.Find(".tags li").Length() != 2 ||
		!strings.Contains(page.text(".facts"), "World Health Organization (WHO)") {
		t.Errorf("engagement page: %q", page.text(".facts"))
	}
	id := strings.TrimPrefix(path, "/app/engagements/")

	// Bad input keeps the form and names the field.
	bad := url.Values{"kind": {"meeting"}, "title": {""}, "date": {"22/07/2022"}, "topics": {"x"}}
	if p := b.post("/app/engagements", bad, "/app/engagements/new"); p.StatusCode != http.StatusBadRequest || p.text("#date-error") == "" {
		t.Errorf("bad engagement: %d %q", p.StatusCode, p.text("#date-error"))
	}

	// An action point from the engagement page, due in the past: overdue.
	ap := url.Values{"engagement_id": {id}, "text": {"Develop a new memorandum of understanding"}, "due_date": {"2022-12-31"},
		"priority": {"high"}, "party": {strconv.FormatInt(oic.ID, 10), strconv.FormatInt(who.ID, 10)}}
	if p := b.post("/app/action-points", ap, path); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create action point: %d %s", p.StatusCode, p.text(".problems"))
	}
	if p := b.post("/app/action-points", url.Values{"engagement_id": {id}, "text": {""}}, path); p.StatusCode != http.StatusBadRequest || p.text("#text-error") == "" {
		t.Errorf("empty action point: %d", p.StatusCode)
	}
	overdue := b.get("/app/action-points?overdue=1")
	link, _ := overdue.Doc.Find("tbody td a").First().Attr("href")
	if overdue.Doc.Find("tbody tr").Length() != 1 || !strings.Contains(overdue.text("tbody"), "overdue") {
		t.Fatalf("overdue list: %q", overdue.text("tbody"))
	}
	if dash := b.get("/app/"); !strings.Contains(dash.text(".attention"), "Develop a new memorandum") {
		t.Errorf("home page does not show the overdue point")
	}
	// Done needs a note: refused with the rule named, then done.
	p = b.post(link+"/status", url.Values{"version": {"1"}, "status": {"done"}}, link)
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".error"), "say what was done") {
		t.Errorf("done without a note: %d %q", p.StatusCode, p.text(".error"))
	}
	if p := b.post(link+"/status", url.Values{"version": {"1"}, "status": {"done"}, "note": {"MoU drafted"}}, link); p.StatusCode != http.StatusSeeOther {
		t.Errorf("done: %d", p.StatusCode)
	}
	if p := b.post(link+"/status", url.Values{"version": {"1"}, "status": {"dropped"}, "note": {"late"}}, link); p.StatusCode != http.StatusConflict {
		t.Errorf("stale status change: %d", p.StatusCode)
	}
	if got := b.get(link).text(".facts"); !strings.Contains(got, "done") || !strings.Contains(got, "MoU drafted") {
		t.Errorf("point after done: %q", got)
	}
	if n := b.get("/app/action-points?overdue=1").Doc.Find("tbody tr").Length(); n != 0 {
		t.Errorf("a done point is still overdue")
	}
	// The organization and the person show the engagement on their timelines.
	if got := b.get("/app/organizations/" + strconv.FormatInt(who.ID, 10)).text(".timeline"); !strings.Contains(got, "OIC–WHO meeting") {
		t.Errorf("organization timeline: %q", got)
	}
	if got := b.get("/app/people/" + strconv.FormatInt(tedros.ID, 10)).Doc.Find(".timeline").Last().Text(); !strings.Contains(got, "OIC–WHO meeting") {
		t.Errorf("person timeline: %q", got)
	}
	if csv := b.get("/app/engagements?format=csv&q=vaccines"); strings.Count(csv.Body, "\n") != 2 || !strings.Contains(csv.Body, "Geneva") {
		t.Errorf("engagements CSV: %q", csv.Body)
	}
}
