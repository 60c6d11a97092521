package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/chart"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/store/storetest"
)

// fundedWorld has an appeal for Afghanistan, a paid flow and a pledge from
// the IsDB to WHO there, a commitment from KSrelief to the ICRC, and money
// to the Sahel as a group.
func fundedWorld(t *testing.T, e *env) moneyWorld {
	t.Helper()
	w := newMoneyWorld(t, e)
	ctx := storetest.Admin()
	if err := e.db.CreateAppeal(ctx, &accord.Appeal{Title: "Health, Afghanistan", Country: "AF", Amount: "10000000", Currency: "USD", Start: "2023-01-01"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []accord.Flow{
		{Status: "paid", SourceOrgID: w.isdb, DestOrgID: &w.who, Country: "AF", Amount: "1000000", Currency: "USD", ValueDate: "2023-02-01"},
		{Status: "pledge", SourceOrgID: w.isdb, DestOrgID: &w.who, Country: "AF", Amount: "250000", Currency: "USD", ValueDate: "2023-02-01"},
		{Status: "commitment", SourceOrgID: w.ksrelief, DestOrgID: &w.icrc, Country: "AF", Amount: "2000000", Currency: "USD", ValueDate: "2022-06-01"},
		{Status: "paid", SourceOrgID: w.ksrelief, DestOrgID: &w.who, Group: "SAHEL", Amount: "700000", Currency: "USD", ValueDate: "2023-05-01"},
	} {
		if err := e.db.CreateFlow(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// svgDoc reads an SVG answer, checking its type.
func svgDoc(t *testing.T, p page) *goquery.Document {
	t.Helper()
	if p.StatusCode != http.StatusOK || !strings.HasPrefix(p.Header.Get("Content-Type"), "image/svg+xml") {
		t.Fatalf("SVG: %d %q %.200s", p.StatusCode, p.Header.Get("Content-Type"), p.Body)
	}
	if !strings.Contains(p.Body, `<svg xmlns="http://www.w3.org/2000/svg"`) {
		t.Errorf("not a standalone SVG: %.200s", p.Body)
	}
	return p.Doc
}

// titled returns the text of the first <title> in doc that starts with prefix.
func titled(doc *goquery.Document, prefix string) string {
	var out string
	doc.Find("title").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if strings.HasPrefix(s.Text(), prefix) {
			out = s.Text()
			return false
		}
		return true
	})
	return out
}

// TestChartsMatchTheFundingTable checks that each chart file says, in its
// titles, the figures of the funding table, and that its CSV has them too.
func TestChartsMatchTheFundingTable(t *testing.T) {
	e := newEnv(t)
	fundedWorld(t, e)
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	page := b.get("/app/funding")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: %d", page.StatusCode)
	}
	af := page.Doc.Find(`table.funding tr[data-key="AF"]`)
	firm, req, paid := af.Find("td.firm").Text(), af.Find("td.requirement").Text(), af.Find("td.paid").Text()
	if firm != "3,000,000" || req != "10,000,000" || paid != "1,000,000" {
		t.Fatalf("table: firm %q requirement %q paid %q", firm, req, paid)
	}
	bars := svgDoc(t, b.get("/app/funding/chart/bars.svg"))
	if got := titled(bars, "Afghanistan"); !strings.Contains(got, "requirement "+req+" USD") || !strings.Contains(got, "firm funding "+firm+" USD (paid "+paid+" USD)") {
		t.Errorf("bar of Afghanistan: %q", got)
	}
	stages := svgDoc(t, b.get("/app/funding/chart/stages.svg"))
	total := page.Doc.Find(`table.funding tfoot tr`)
	if got, want := titled(stages, "Paid"), "Paid: "+total.Find("td.paid").Text()+" USD"; got != want {
		t.Errorf("stages: %q, want %q", got, want)
	}
	if got, want := titled(stages, "Pledged"), "Pledged: "+total.Find("td.pledged").Text()+" USD"; got != want {
		t.Errorf("stages: %q, want %q", got, want)
	}
	donors := svgDoc(t, b.get("/app/funding/chart/donors.svg"))
	if got := titled(donors, "King Salman"); !strings.Contains(got, "firm funding 2,700,000 USD") {
		t.Errorf("top donor: %q", got)
	}
	trend := svgDoc(t, b.get("/app/funding/chart/trend.svg"))
	if got := titled(trend, "2022"); !strings.Contains(got, "firm funding 2,000,000 USD") {
		t.Errorf("trend, 2022: %q", got)
	}
	// The map colours Afghanistan, not Mali: the Sahel's money is on the group.
	m := svgDoc(t, b.get("/app/funding/chart/map.svg"))
	afPath := m.Find(`path[data-country="AF"]`)
	if fill, _ := afPath.Attr("fill"); fill == chart.NoFigure || fill == "" {
		t.Errorf("Afghanistan not coloured: %q", fill)
	}
	if got := afPath.Find("title").Text(); got != "Afghanistan: firm funding "+firm+" USD" {
		t.Errorf("Afghanistan's title: %q", got)
	}
	if fill, _ := m.Find(`path[data-country="ML"]`).Attr("fill"); fill != chart.NoFigure {
		t.Errorf("Mali coloured %q though no flow went to Mali alone", fill)
	}
	if got := page.text(".groups-note li"); !strings.Contains(got, "Sahel") || !strings.Contains(got, "700,000") {
		t.Errorf("the Sahel's money beside the map: %q", got)
	}
	gap := svgDoc(t, b.get("/app/funding/chart/map.svg?metric=gap"))
	if got := gap.Find(`path[data-country="AF"] title`).Text(); got != "Afghanistan: gap "+af.Find("td.gap").Text()+" USD" {
		t.Errorf("gap map: %q", got)
	}
	if csv := b.get("/app/funding/chart/bars.csv").Body; !strings.Contains(csv, "AF,Afghanistan,10000000.00,3000000.00,1000000.00,250000.00,7000000.00,30.00") {
		t.Errorf("bars CSV: %q", csv)
	}
	// Each chart on the page has its table and its downloads.
	for _, name := range []string{"bars", "map", "stages", "trend", "donors", "recipients"} {
		sec := page.Doc.Find("#chart-" + name)
		if sec.Find("figure svg").Length() != 1 || sec.Find("details table").Length() != 1 ||
			sec.Find(`a[href^="/app/funding/chart/`+name+`.svg"]`).Length() != 1 || sec.Find(`a[href^="/app/funding/chart/`+name+`.csv"]`).Length() != 1 {
			t.Errorf("chart %s lacks its picture, table or downloads", name)
		}
	}
	if p := b.get("/app/funding/chart/pie.svg"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown chart: %d", p.StatusCode)
	}
}

// TestDashboardFilters narrows by year, status and contribution.
func TestDashboardFilters(t *testing.T) {
	e := newEnv(t)
	fundedWorld(t, e)
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	firm := func(path string) string {
		return b.get(path).text(`table.funding tr[data-key="AF"] td.firm`)
	}
	if got := firm("/app/funding/country?year=2023"); got != "1,000,000" {
		t.Errorf("2023 only: %q", got)
	}
	if got := firm("/app/funding/country?status=commitment"); got != "2,000,000" {
		t.Errorf("commitments only: %q", got)
	}
	if got := b.get("/app/funding/country?status=pledge").text(`table.funding tr[data-key="AF"] td.pledged`); got != "250,000" {
		t.Errorf("pledges only: %q", got)
	}
	if got := b.get("/app/funding/country?contribution=in_kind").Doc.Find(`table.funding tr[data-key="SAHEL"]`).Length(); got != 0 {
		t.Error("in-kind only shows the Sahel's money")
	}
	if p := b.get("/app/funding?year=last"); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".problems"), "year") {
		t.Errorf("bad year: %d %q", p.StatusCode, p.text(".problems"))
	}
	if p := b.get("/app/funding/donor"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown breakdown: %d", p.StatusCode)
	}
	if csv := b.get("/app/funding/partner?format=csv&year=2022").Body; !strings.Contains(csv, "King Salman Humanitarian Aid and Relief Centre,0.00,2000000.00") {
		t.Errorf("partner CSV for 2022: %q", csv)
	}
}

// TestPartnerSeesOnlyItsFunding signs in as a partner of WHO: every figure
// on the dashboard, its charts and exports counts WHO's flows only.
func TestPartnerSeesOnlyItsFunding(t *testing.T) {
	e := newEnv(t)
	w := fundedWorld(t, e)
	partner := e.signedIn("focal@who.int", accord.RolePartner, &w.who)
	page := partner.get("/app/funding")
	if got := page.text(`table.funding tr[data-key="AF"] td.firm`); got != "1,000,000" {
		t.Errorf("WHO's partner counts %q firm for Afghanistan, want 1,000,000 (not the ICRC's 2,000,000)", got)
	}
	if got := page.text(`table.funding tfoot td.firm`); got != "1,700,000" {
		t.Errorf("WHO's partner total: %q", got)
	}
	for _, path := range []string{"/app/funding", "/app/funding/partner", "/app/funding/partner?format=csv", "/app/funding/chart/donors.svg",
		"/app/funding/chart/bars.svg?by=partner", "/app/funding/chart/donors.csv", "/app/flows", "/app/flows?format=csv"} {
		p := partner.get(path)
		if p.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, p.StatusCode)
		}
		if strings.Contains(p.Body, "Red Cross") || strings.Contains(p.Body, "2,700,000") {
			t.Errorf("WHO's partner sees the ICRC's money at %s", path)
		}
	}
	if got := titled(svgDoc(t, partner.get("/app/funding/chart/map.svg")), "Afghanistan"); got != "Afghanistan: firm funding 1,000,000 USD" {
		t.Errorf("partner's map: %q", got)
	}
	admin := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	if got := admin.get("/app/funding").text(`table.funding tfoot td.firm`); got != "3,700,000" {
		t.Errorf("administrator's total: %q", got)
	}
}

// TestFundingInArabic mirrors the charts but not the map.
func TestFundingInArabic(t *testing.T) {
	e := newEnv(t)
	fundedWorld(t, e)
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	en := b.get("/app/funding")
	b.Lang = "ar"
	ar := b.get("/app/funding")
	if d, _ := ar.Doc.Find("html").Attr("dir"); d != "rtl" {
		t.Fatalf("dir=%q", d)
	}
	label := func(p page) (string, string) {
		s := p.Doc.Find("#chart-bars svg g text").First()
		x, _ := s.Attr("x")
		anchor, _ := s.Attr("text-anchor")
		return x, anchor
	}
	if x, a := label(en); x != "190" || a != "end" {
		t.Errorf("English bar label at x=%s anchor %s", x, a)
	}
	if x, a := label(ar); x != "530" || a != "start" {
		t.Errorf("Arabic bar label at x=%s anchor %s, want mirrored (530, start)", x, a)
	}
	path := func(p page) string { d, _ := p.Doc.Find(`#chart-map path[data-country="AF"]`).Attr("d"); return d }
	if path(ar) == "" || path(ar) != path(en) {
		t.Error("the Arabic map is drawn differently from the English one")
	}
	if got := ar.Doc.Find(`#chart-map path[data-country="AF"] title`).Text(); !strings.Contains(got, "أفغانستان") {
		t.Errorf("Arabic map title: %q", got)
	}
	if dir, _ := ar.Doc.Find("#chart-map svg").Attr("direction"); dir != "ltr" {
		t.Errorf("map svg direction=%q", dir)
	}
}

// TestFundingTableShowsTheLargest: a breakdown with more rows than a page
// shows lists the largest, says how many there are and links to the files,
// which hold every row; the total still counts them all.
func TestFundingTableShowsTheLargest(t *testing.T) {
	e := newEnv(t)
	newMoneyWorld(t, e)
	ctx := storetest.Admin()
	n := fundingTableRows + 5
	for i := range n {
		a := &accord.Appeal{Title: fmt.Sprintf("Appeal %03d", i), Country: "AF", Amount: strconv.Itoa(1000 * (i + 1)), Currency: "USD", Start: "2023-01-01"}
		if err := e.db.CreateAppeal(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	b := e.signedIn("viewer@example.org", accord.RoleViewer, nil)
	p := b.get("/app/funding/appeal")
	rows := p.Doc.Find("table.funding tbody tr")
	if rows.Length() != fundingTableRows || !strings.Contains(rows.First().Text(), fmt.Sprintf("Appeal %03d", n-1)) {
		t.Errorf("%d rows, first %q; want the %d largest, from Appeal %03d", rows.Length(), rows.First().Find("th").Text(), fundingTableRows, n-1)
	}
	if hint := p.Doc.Find("p.hint").First().Text(); !strings.Contains(hint, strconv.Itoa(n)) {
		t.Errorf("no word of the %d rows in all: %q", n, hint)
	}
	// The total counts every appeal: 1,000 × (1 + … + n).
	want := i18n.Get("en").Number(float64(1000 * n * (n + 1) / 2))
	if got := p.Doc.Find("table.funding tfoot td.requirement").Text(); got != want {
		t.Errorf("total requirement %q, want %q", got, want)
	}
	csv := b.get("/app/funding/appeal?format=csv").Body
	if lines := strings.Count(strings.TrimSpace(csv), "\n") + 1; lines != 1+n+1 {
		t.Errorf("CSV has %d lines, want a header, %d appeals and the total", lines, n)
	}
}

// TestFundingFiguresNeverStale: the dashboards keep what they counted
// between requests, for staff and for each partner apart, and count again
// as soon as money moves or a name changes.
func TestFundingFiguresNeverStale(t *testing.T) {
	e := newEnv(t)
	w := fundedWorld(t, e)
	partner := e.signedIn("focal@who.int", accord.RolePartner, &w.who)
	admin := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	firm := func(b *browser) string { return b.get("/app/funding").text(`table.funding tfoot td.firm`) }
	if p, a := firm(partner), firm(admin); p != "1,700,000" || a != "3,700,000" {
		t.Fatalf("before: partner %s, admin %s", p, a)
	}
	if p := firm(partner); p != "1,700,000" {
		t.Errorf("the partner's figures read again: %s", p)
	}
	f := &accord.Flow{Status: "paid", SourceOrgID: w.isdb, DestOrgID: &w.who, Country: "AF", Amount: "300000", Currency: "USD", ValueDate: "2023-07-01"}
	if err := e.db.CreateFlow(storetest.Admin(), f); err != nil {
		t.Fatal(err)
	}
	if p, a := firm(partner), firm(admin); p != "2,000,000" || a != "4,000,000" {
		t.Errorf("after a payment to WHO: partner %s, admin %s; want 2,000,000 and 4,000,000", p, a)
	}
	org, err := e.db.GetOrganization(storetest.Admin(), w.isdb)
	if err != nil {
		t.Fatal(err)
	}
	org.NameEN = "Islamic Development Bank Group"
	if err := e.db.UpdateOrganization(storetest.Admin(), org); err != nil {
		t.Fatal(err)
	}
	if body := admin.get("/app/funding/partner").Body; !strings.Contains(body, "Islamic Development Bank Group") {
		t.Error("the donors' table shows the old name after a rename")
	}
}

// TestKeptDashboardIsEachUsersOwn: the dashboard's content is rendered
// once per funding version and kept, but the page around it is each
// user's: their name, their form token, their language.
func TestKeptDashboardIsEachUsersOwn(t *testing.T) {
	e := newEnv(t)
	fundedWorld(t, e)
	first := e.signedIn("first@example.org", accord.RoleOfficer, nil)
	second := e.signedIn("second@example.org", accord.RoleOfficer, nil)
	token := func(p page) string {
		v, _ := p.Doc.Find(`input[name="csrf"]`).First().Attr("value")
		return v
	}
	a, b := first.get("/app/funding"), second.get("/app/funding")
	if got := b.text(".who"); !strings.Contains(got, "second") || strings.Contains(got, "first") {
		t.Errorf("the second officer's page says %q", got)
	}
	if token(a) == "" || token(a) == token(b) {
		t.Errorf("form tokens: %q and %q; each session must have its own", token(a), token(b))
	}
	if a.text(`table.funding tfoot td.firm`) != b.text(`table.funding tfoot td.firm`) {
		t.Error("two officers see different totals")
	}
	second.Lang = "fr"
	if en, fr := a.text("main h1"), second.get("/app/funding").text("main h1"); en == "" || en == fr {
		t.Errorf("after the first saw it in English, the French page's heading is %q", fr)
	}
}
