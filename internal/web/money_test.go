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

// moneyWorld is a donor, WHO and the ICRC, for tests of appeals and flows.
type moneyWorld struct {
	isdb, ksrelief, who, icrc int64
}

func newMoneyWorld(t *testing.T, e *env) moneyWorld {
	t.Helper()
	return moneyWorld{
		isdb:     storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Islamic Development Bank", "IsDB")).ID,
		ksrelief: storetest.MustCreateOrg(t, e.db, storetest.NewOrg("King Salman Humanitarian Aid and Relief Centre", "KSrelief")).ID,
		who:      storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO")).ID,
		icrc:     storetest.MustCreateOrg(t, e.db, storetest.NewOrg("International Committee of the Red Cross", "ICRC")).ID,
	}
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// flowForm is the flow form as a person fills it in.
func flowForm(source, dest int64, country, status, amount, currency, day string) url.Values {
	return url.Values{"source_org_id": {id(source)}, "dest_org_id": {id(dest)}, "country": {country}, "status": {status}, "type": {"standard"},
		"contribution": {"financial"}, "amount": {amount}, "currency": {currency}, "value_date": {day}}
}

// TestFlowThroughTheFormsIntoTheFundingTable records an appeal and flows as
// a person would, moves a pledge forward, and reads the figures back from
// the funding table, its export and the flow's history.
func TestFlowThroughTheFormsIntoTheFundingTable(t *testing.T) {
	e := newEnv(t)
	w := newMoneyWorld(t, e)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)

	p := b.post("/app/appeals", url.Values{"title": {"Health sector, Afghanistan"}, "country": {"AF"}, "amount": {"10,000,000"}, "currency": {"USD"},
		"start": {"2023-01-01"}, "end": {"2023-12-31"}}, "/app/appeals/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("create appeal: %d %s", p.StatusCode, p.text(".problems"))
	}
	appealPath := p.Header.Get("Location")
	appealID := strings.TrimPrefix(appealPath, "/app/appeals/")

	paid := flowForm(w.isdb, w.who, "AF", "paid", "1000000", "USD", "2023-03-01")
	paid.Set("appeal_id", appealID)
	if p := b.post("/app/flows", paid, "/app/flows/new"); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("paid flow: %d %s %s", p.StatusCode, p.text(".problems"), p.text(".error"))
	}
	// 500,000 doses in kind, pledged: shown apart, not firm.
	doses := flowForm(w.ksrelief, w.who, "AF", "pledge", "1875000", "SAR", "2023-04-01")
	doses.Set("contribution", "in_kind")
	doses.Set("quantity", "500000")
	doses.Set("unit", "doses")
	doses.Set("rate", "3.75")
	doses.Set("appeal_id", appealID)
	p = b.post("/app/flows", doses, "/app/flows/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("in-kind pledge: %d %s %s", p.StatusCode, p.text(".problems"), p.text(".error"))
	}
	dosesPath := p.Header.Get("Location")
	if got := b.get(dosesPath).text(".facts"); !strings.Contains(got, "500,000 doses") || !strings.Contains(got, "500,000 USD") {
		t.Errorf("in-kind flow page: %q", got)
	}
	// Bad input keeps what was typed and names the field; nothing is saved.
	bad := flowForm(w.isdb, w.who, "AF", "paid", "-5", "USD", "2023-03-01")
	p = b.post("/app/flows", bad, "/app/flows/new")
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text("#amount ~ .error"), "cannot be negative") {
		t.Errorf("negative amount: %d %q", p.StatusCode, p.text(".error"))
	}
	if v, _ := p.Doc.Find("#amount").Attr("value"); v != "-5" {
		t.Errorf("typed amount lost: %q", v)
	}

	row := func(path, key string) map[string]string {
		t.Helper()
		tr := b.get(path).Doc.Find(`table.funding tr[data-key="` + key + `"]`)
		out := map[string]string{}
		for _, col := range []string{"requirement", "firm", "paid", "pledged", "gap", "covered"} {
			out[col] = strings.TrimSpace(tr.Find("td." + col).Text())
		}
		return out
	}
	want := map[string]string{"requirement": "10,000,000", "firm": "1,000,000", "paid": "1,000,000", "pledged": "500,000", "gap": "9,000,000", "covered": "10%"}
	if got := row("/app/funding/country", "AF"); !equalMaps(got, want) {
		t.Errorf("Afghanistan in the funding table: %v, want %v", got, want)
	}
	if got := row("/app/funding/appeal", appealID); got["firm"] != "1,000,000" || got["requirement"] != "10,000,000" {
		t.Errorf("the appeal in the funding table: %v", got)
	}

	// The pledge becomes a commitment: one history, and firm funding.
	detail := b.get(dosesPath)
	version, _ := detail.Doc.Find(`form.advance input[name="version"]`).Attr("value")
	p = b.post(dosesPath+"/status", url.Values{"version": {version}, "to": {"commitment"}, "date": {"2023-05-01"}}, dosesPath)
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("advance: %d %s", p.StatusCode, p.text(".problems"))
	}
	if n := b.get(dosesPath).Doc.Find(".history li").Length(); n != 2 {
		t.Errorf("history has %d steps, want 2 (pledged, committed)", n)
	}
	// Going back is refused with the rule.
	p = b.post(dosesPath+"/status", url.Values{"version": {"2"}, "to": {"pledge"}}, dosesPath)
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Body, "only moves forward") {
		t.Errorf("back to pledge: %d %q", p.StatusCode, p.text(".error"))
	}
	want["firm"], want["pledged"], want["gap"], want["covered"] = "1,500,000", "0", "8,500,000", "15%"
	if got := row("/app/funding/country", "AF"); !equalMaps(got, want) {
		t.Errorf("after the commitment: %v, want %v", got, want)
	}
	csv := b.get("/app/funding/country?format=csv").Body
	if !strings.Contains(csv, "AF,Afghanistan,10000000.00,1500000.00,1000000.00,0.00,8500000.00,15.0") {
		t.Errorf("funding CSV: %q", csv)
	}
	// The flows list, its filters and its HXL export.
	if got := b.get("/app/flows?status=paid").Doc.Find("tbody tr").Length(); got != 1 {
		t.Errorf("paid flows listed: %d", got)
	}
	if hxl := b.get("/app/flows?format=hxl").Body; !strings.Contains(strings.Split(hxl, "\n")[1], "#org+name+funder") {
		t.Errorf("HXL export lacks its hashtag row: %q", hxl)
	}
	if got := b.get(appealPath).text(".kpis .firm"); got != "1,500,000" {
		t.Errorf("appeal page firm funding: %q", got)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestAppealRevisedKeepsHistory(t *testing.T) {
	e := newEnv(t)
	a := &accord.Appeal{Title: "Vaccines for the Sahel", Group: "SAHEL", Amount: "7500000", Currency: "SAR", Rate: "3.75", Start: "2023-03-01"}
	if err := e.db.CreateAppeal(storetest.Admin(), a); err != nil {
		t.Fatal(err)
	}
	path := "/app/appeals/" + id(a.ID)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	if p := b.post(path+"/revisions", url.Values{"version": {"1"}, "amount": {"9000000"}}, path); p.StatusCode != http.StatusBadRequest ||
		!strings.Contains(p.text("#reason ~ .error"), "say why") {
		t.Errorf("revision without a reason: %d %q", p.StatusCode, p.text(".error"))
	}
	if p := b.post(path+"/revisions", url.Values{"version": {"1"}, "amount": {"9000000"}, "reason": {"Cold chain"}, "date": {"2023-06-01"}}, path); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("revise: %d %s", p.StatusCode, p.text(".problems"))
	}
	page := b.get(path)
	if got := page.text("#revisions + div tbody tr"); !strings.Contains(got, "2,000,000") || !strings.Contains(got, "Cold chain") {
		t.Errorf("revisions: %q", got)
	}
	if got := page.text(".facts"); !strings.Contains(got, "9,000,000 SAR") || !strings.Contains(got, "2,400,000 USD") {
		t.Errorf("revised requirement: %q", got)
	}
}

// TestRatesImportAllOrNothing uploads a file with bad lines: each is named
// with its number and nothing is saved; the corrected file is saved whole.
func TestRatesImportAllOrNothing(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	file := "currency,date,rate,source\nEUR,2024-01-02,0.91,ECB\nXXX,2024-01-02,1,nowhere\nEUR,2 January 2024,0.92,ECB\nSAR,2024-01-02,3.75,SAMA\n"
	p := b.uploadFile("/app/rates", "/app/rates", "rates.csv", []byte(file))
	if p.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad file: %d", p.StatusCode)
	}
	problems := p.Doc.Find("#rate-problems li")
	if problems.Length() != 2 {
		t.Errorf("problems listed: %q", p.text("#rate-problems"))
	}
	if got := p.text(`#rate-problems li[data-line="3"]`); !strings.Contains(got, "Line 3") || !strings.Contains(got, `"XXX"`) {
		t.Errorf("line 3: %q", got)
	}
	if got := p.text(`#rate-problems li[data-line="4"]`); !strings.Contains(got, "Line 4") || !strings.Contains(got, "2 January 2024") {
		t.Errorf("line 4: %q", got)
	}
	if rates, err := e.db.ListRates(storetest.Admin(), "", 10); err != nil || len(rates) != 0 {
		t.Errorf("a file with bad lines saved %d rates (%v)", len(rates), err)
	}
	b.Lang = "fr"
	if got := b.uploadFile("/app/rates", "/app/rates", "rates.csv", []byte(file)).text(`#rate-problems li[data-line="3"]`); !strings.Contains(got, "Ligne 3") {
		t.Errorf("French line number: %q", got)
	}
	b.Lang = ""
	good := strings.Replace(strings.Replace(file, "XXX,2024-01-02,1,nowhere\n", "", 1), "2 January 2024", "2024-01-03", 1)
	if p := b.uploadFile("/app/rates", "/app/rates", "rates.csv", []byte(good)); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("good file: %d %s", p.StatusCode, p.text(".problems"))
	}
	list := b.get("/app/rates")
	if n := list.Doc.Find("table.rates tbody tr").Length(); n != 3 {
		t.Errorf("rates listed: %d, want 3", n)
	}
	if got := list.text(".flash"); got != "Exchange rates saved." {
		t.Errorf("flash: %q", got)
	}
	// A new flow in euros takes the rate of its value date.
	w := newMoneyWorld(t, e)
	p = b.post("/app/flows", flowForm(w.isdb, w.who, "AF", "paid", "910000", "EUR", "2024-01-02"), "/app/flows/new")
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("flow in euros: %d %s", p.StatusCode, p.text(".error"))
	}
	if got := b.get(p.Header.Get("Location")).text(".facts .usd"); got != "1,000,000 USD" {
		t.Errorf("EUR 910,000 at 0.91: %q", got)
	}
	viewer := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	if p := viewer.uploadFile("/app/rates", "/app/rates", "rates.csv", []byte(good)); p.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer imports rates: %d", p.StatusCode)
	}
}

// TestParkedParentSplitIntoYears records the children of a multi-year flow
// through the form: the form starts from the parent, the parent's page lists
// its children, a child larger than what is left is refused, and the money
// is counted once, in each child's year.
func TestParkedParentSplitIntoYears(t *testing.T) {
	e := newEnv(t)
	w := newMoneyWorld(t, e)
	parent := &accord.Flow{Status: "commitment", Type: "parked", SourceOrgID: w.ksrelief, DestOrgID: &w.who, Group: "SAHEL",
		Amount: "3000000", Currency: "USD", ValueDate: "2023-01-15", Description: "2023–2025"}
	if err := e.db.CreateFlow(storetest.Admin(), parent); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	form := b.get("/app/flows/new?parent=" + id(parent.ID))
	if v, _ := form.Doc.Find(`#source_org_id option[selected]`).Attr("value"); v != id(w.ksrelief) {
		t.Errorf("the child's form does not start from the parent's source: %q", v)
	}
	for _, year := range []string{"2023", "2024"} {
		child := flowForm(w.ksrelief, w.who, "", "commitment", "1500000", "USD", year+"-02-01")
		child.Set("group", "SAHEL")
		child.Set("year", year)
		child.Set("parent_id", id(parent.ID))
		if p := b.post("/app/flows", child, "/app/flows/new"); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("child %s: %d %s", year, p.StatusCode, p.text(".error"))
		}
	}
	extra := flowForm(w.ksrelief, w.who, "", "commitment", "1", "USD", "2025-02-01")
	extra.Set("group", "SAHEL")
	extra.Set("parent_id", id(parent.ID))
	if p := b.post("/app/flows", extra, "/app/flows/new"); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text("#amount ~ .error"), "what is left of its parent") {
		t.Errorf("a child beyond its parent: %d %q", p.StatusCode, p.text(".error"))
	}
	if n := b.get("/app/flows/" + id(parent.ID)).Doc.Find(".flows li").Length(); n != 2 {
		t.Errorf("the parent lists %d children, want 2", n)
	}
	years := b.get("/app/funding/year")
	for _, year := range []string{"2023", "2024"} {
		if got := years.text(`table.funding tr[data-key="` + year + `"] td.firm`); got != "1,500,000" {
			t.Errorf("%s: %q, want each child in its year", year, got)
		}
	}
	if got := years.text("table.funding tfoot td.firm"); got != "3,000,000" {
		t.Errorf("total %q: the parent counted besides its children", got)
	}
}
