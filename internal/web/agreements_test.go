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

func TestAgreementLifeCycleInTheUI(t *testing.T) {
	e := newEnv(t)
	oic := strconv.FormatInt(storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Organisation of Islamic Cooperation", "OIC")).ID, 10)
	who := strconv.FormatInt(storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO")).ID, 10)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)

	form := url.Values{"kind": {"mou"}, "title": {"MoU between the OIC and WHO"}, "party_org": {oic, who, ""},
		"party_signatory": {"", "", ""}, "party_signed_on": {"", "", ""}, "expiry_date": {"2030-12-31"}, "notice_days": {"90"}}
	p := b.post("/app/agreements", form, "/app/agreements/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", p.StatusCode, p.text(".problems"))
	}
	path := p.Header.Get("Location")
	move := func(to string, extra url.Values) page {
		t.Helper()
		page := b.get(path)
		version, _ := page.Doc.Find(`form[action$="/status"] input[name="version"]`).Attr("value")
		if extra == nil {
			extra = url.Values{}
		}
		extra.Set("version", version)
		extra.Set("status", to)
		return b.post(path+"/status", extra, path)
	}
	for _, to := range []string{"negotiation", "clearance"} {
		if p := move(to, nil); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("→ %s: %d %s", to, p.StatusCode, p.text(".error"))
		}
	}
	// Signing is refused until both parties have signed; the page says who has not.
	p = move("signed", nil)
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".error"), "not yet signed by") {
		t.Fatalf("sign unsigned: %d %q", p.StatusCode, p.text(".error"))
	}
	edit := b.get(path + "/edit")
	version, _ := edit.Doc.Find(`input[name="version"]`).Attr("value")
	form.Set("version", version)
	form["party_signed_on"] = []string{"2999-01-01", "2022-08-31", ""}
	if p := b.post(path, form, path+"/edit"); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Body, "cannot be in the future") {
		t.Errorf("future signature: %d", p.StatusCode)
	}
	form["party_signed_on"] = []string{"2022-08-30", "2022-08-31", ""}
	form["party_signatory"] = []string{"Tarig Ali Bakhiet", "Tedros Adhanom Ghebreyesus", ""}
	if p := b.post(path, form, path+"/edit"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("record signatures: %d %s", p.StatusCode, p.text(".problems"))
	}
	for _, to := range []string{"signed", "active"} {
		if p := move(to, nil); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("→ %s: %d %s", to, p.StatusCode, p.text(".error"))
		}
	}
	// Terminating needs a reason; with it, the page shows the end.
	if p := move("terminated", url.Values{"date": {"2022-09-01"}}); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".error"), "reason") {
		t.Errorf("terminate without reason: %d %q", p.StatusCode, p.text(".error"))
	}
	page := b.get(path)
	amendVersion, _ := page.Doc.Find(`form[action$="/amendments"] input[name="version"]`).Attr("value")
	if p := b.post(path+"/amendments", url.Values{"version": {amendVersion}, "date": {"2022-09-01"}, "changes": {"Adds vaccine logistics"}, "reason": {"Review meeting"}}, path); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("amend: %d %s", p.StatusCode, p.text(".error"))
	}
	page = b.get(path)
	if !strings.Contains(page.text(".amendments"), "Adds vaccine logistics") || page.Doc.Find(".history li").Length() < 6 {
		t.Errorf("amendments %q, history %d entries", page.text(".amendments"), page.Doc.Find(".history li").Length())
	}
	if got := b.get("/app/agreements?status=active").Doc.Find("tbody tr").Length(); got != 1 {
		t.Errorf("active agreements listed: %d", got)
	}
	if got := b.get("/app/organizations/" + who).text("body"); !strings.Contains(got, "MoU between the OIC and WHO") {
		t.Error("the organization page does not list its agreement")
	}
}
