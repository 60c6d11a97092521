package app

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/demo"
)

// TestBrowserFundingMatchesAPI opens the leadership dashboard and the
// country page coloured by gap in a real Chromium, reads every figure a
// reader sees (the headline figures, the table by country and its total,
// the tables behind the charts, the country shapes of the world map with
// their titles and colours, and the note on country groups) and checks each
// against GET /api/v1/funding for the same user, parsed from the displayed
// text and compared to the precision it is displayed at.
//
// It does so as the administrator, as WHO's focal point (a partner), and as
// a KSrelief focal point the test adds: every flow of the demo reaches WHO,
// so WHO's partner sees the administrator's figures, while KSrelief, a donor
// of only some of them, must see less firm funding than the administrator.
func TestBrowserFundingMatchesAPI(t *testing.T) {
	exe := chromium(t)
	s := startDemo(t)
	addFundingPartner(t, s, "KSrelief", "partner@ksrelief.example")
	ctx := browserContext(t, exe)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	read := func(path string) fundingShown {
		t.Helper()
		do("open "+path, chromedp.Navigate(s.URL+path), chromedp.WaitVisible(css("#table-title")))
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](readFundingJS))
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		var p fundingShown
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			t.Fatalf("read %s: %v\n%s", path, err, raw)
		}
		if p.Lang != "en" {
			t.Fatalf("%s is in %q; the test reads English figures", path, p.Lang)
		}
		return p
	}

	firm := map[string]float64{} // total firm funding by the API, per user
	shown := map[string]string{} // total firm funding as the dashboard shows it, per user
	for i, email := range []string{demo.AdminEmail, "partner@who.example", "partner@ksrelief.example"} {
		api := fundingFromAPI(t, s, fundingToken(t, s, email))
		if i > 0 {
			do("sign out", chromedp.Click(css(`form[action="/app/logout"] button`)), chromedp.WaitVisible(css("#email")))
		}
		do("sign in as "+email,
			chromedp.Navigate(s.URL+"/app/login"),
			chromedp.SendKeys(css("#email"), email),
			chromedp.SendKeys(css("#password"), demo.Password),
			chromedp.Submit(css("#password")),
			chromedp.WaitVisible(css(".stats")))
		c := &fundingCheck{t: t, who: email, page: "/app/funding", api: api}
		overview := read(c.page)
		c.kpis(overview)
		c.table(overview)
		c.charts(overview, "firm", []string{"bars", "map", "stages", "trend", "donors", "recipients"})

		c.page = "/app/funding/country?metric=gap"
		byCountry := read(c.page)
		if len(byCountry.KPIs) != 0 {
			t.Errorf("%s, %s: headline figures shown; they belong on the overview", email, c.page)
		}
		c.table(byCountry)
		c.charts(byCountry, "gap", []string{"bars", "map"})

		firm[email] = api["country"].Totals.Firm
		if overview.Total != nil {
			shown[email] = overview.Total.Cells["firm"]
		}
	}

	// Partner scope. KSrelief gave some of the demo's money: its focal
	// point sees that, and less than the administrator does, on the page as
	// in the API (each already checked equal above).
	admin, ks := firm[demo.AdminEmail], firm["partner@ksrelief.example"]
	if ks <= 0 || ks >= admin {
		t.Errorf("KSrelief's partner: the API counts firm funding %.2f against the administrator's %.2f; want some, and less", ks, admin)
	}
	if shown["partner@ksrelief.example"] == shown[demo.AdminEmail] {
		t.Errorf("KSrelief's partner is shown the administrator's total firm funding, %s", shown[demo.AdminEmail])
	}
}

// addFundingPartner adds a partner user (password demo.Password) for the
// demo organization with this acronym.
func addFundingPartner(t *testing.T, s *Server, acronym, email string) {
	t.Helper()
	ctx := accord.WithActor(context.Background(), accord.SystemActor)
	orgs, _, err := s.DB.ListOrganizations(ctx, accord.OrganizationFilter{Q: acronym})
	if err != nil || len(orgs) != 1 {
		t.Fatalf("%s in the demo: %d found, %v", acronym, len(orgs), err)
	}
	hash, err := auth.HashPassword(demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	u := &accord.User{Email: email, Name: acronym + " focal point", Role: accord.RolePartner, OrgID: &orgs[0].ID}
	if err := s.DB.CreateUser(ctx, u, hash); err != nil {
		t.Fatal(err)
	}
}

// fundingToken makes an API token for a user, as `accord token create` does.
func fundingToken(t *testing.T, s *Server, email string) string {
	t.Helper()
	ctx := accord.WithActor(context.Background(), accord.SystemActor)
	u, _, err := s.DB.UserByEmail(ctx, email)
	if err != nil {
		t.Fatalf("%s: %v", email, err)
	}
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	if err := s.DB.CreateToken(ctx, &accord.Token{UserID: u.ID, Name: "funding browser test"}, hash); err != nil {
		t.Fatal(err)
	}
	return secret
}

// apiFunding is an answer of GET /api/v1/funding.
type apiFunding struct {
	Items  []accord.FundingRow `json:"items"`
	Totals accord.FundingRow   `json:"totals"`
}

// row returns the row with a key.
func (a apiFunding) row(key string) (accord.FundingRow, bool) {
	for _, r := range a.Items {
		if r.Key == key {
			return r, true
		}
	}
	return accord.FundingRow{}, false
}

// shown are the rows a dashboard shows: those with some figure.
func (a apiFunding) shown() []accord.FundingRow {
	var out []accord.FundingRow
	for _, r := range a.Items {
		if r.Requirement != 0 || r.Firm != 0 || r.Pledged != 0 {
			out = append(out, r)
		}
	}
	return out
}

// fundingFromAPI reads the funding tables by country, partner and year with a token.
func fundingFromAPI(t *testing.T, s *Server, token string) map[string]apiFunding {
	t.Helper()
	out := map[string]apiFunding{}
	for _, by := range []string{"country", "partner", "year"} {
		req, err := http.NewRequest(http.MethodGet, s.URL+"/api/v1/funding?by="+by, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var f apiFunding
		err = json.NewDecoder(res.Body).Decode(&f)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("GET /api/v1/funding?by=%s: %d %v", by, res.StatusCode, err)
		}
		out[by] = f
	}
	return out
}

// fundingShown is what a funding page shows, read from the DOM by readFundingJS.
type fundingShown struct {
	Lang string `json:"lang"`
	KPIs []struct {
		Label string `json:"label"`
		Big   string `json:"big"`
		Small string `json:"small"`
	} `json:"kpis"`
	TableHead string             `json:"tableHead"`
	Lines     []fundingShownLine `json:"lines"`
	Total     *fundingShownLine  `json:"total"`
	Charts    []struct {
		Name    string   `json:"name"`
		Title   string   `json:"title"`
		Columns []string `json:"columns"`
		Rows    []struct {
			Key   string   `json:"key"`
			Label string   `json:"label"`
			Cells []string `json:"cells"`
		} `json:"rows"`
		Paths       []fundingShownPath `json:"paths"`
		LegendFills []string           `json:"legendFills"`
		LegendTexts []string           `json:"legendTexts"`
	} `json:"charts"`
	Groups []string `json:"groups"`
}

type fundingShownPath struct {
	Code  string `json:"code"` // ISO 3166-1 alpha-2; empty for a shape with none
	Fill  string `json:"fill"`
	Title string `json:"title"`
}

type fundingShownLine struct {
	Key   string            `json:"key"`
	Label string            `json:"label"`
	Cells map[string]string `json:"cells"` // by the cell's class: requirement, firm, paid, pledged, gap, covered
}

// readFundingJS reads a funding page's figures as JSON. Text is read with
// textContent, whitespace folded, so that tables inside closed <details>
// are read as well.
const readFundingJS = `(() => {
  const txt = el => el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  const line = tr => ({key: tr.dataset.key, label: txt(tr.querySelector("th")),
    cells: Object.fromEntries([...tr.querySelectorAll("td")].map(td => [[...td.classList].find(c => c !== "num") || "", txt(td)]))});
  const out = {lang: document.documentElement.lang, kpis: [], lines: [], total: null, charts: [], groups: []};
  document.querySelectorAll(".kpis li").forEach(li => out.kpis.push({label: txt(li.querySelector("span")),
    big: txt(li.querySelector("strong")), small: txt(li.querySelector("span.muted"))}));
  const table = document.querySelector("table.funding");
  if (table) {
    out.tableHead = txt(table.querySelector("thead th"));
    table.querySelectorAll("tbody tr").forEach(tr => out.lines.push(line(tr)));
    const foot = table.querySelector("tfoot tr");
    if (foot) out.total = line(foot);
  }
  document.querySelectorAll("section.chart").forEach(sec => {
    const c = {name: sec.id.replace(/^chart-/, ""), title: txt(sec.querySelector("h2")),
      columns: [...sec.querySelectorAll("thead th")].slice(1).map(txt), rows: [], paths: [], legendFills: [], legendTexts: []};
    sec.querySelectorAll("tbody tr[data-key]").forEach(tr => c.rows.push({key: tr.dataset.key, label: txt(tr.querySelector("th")),
      cells: [...tr.querySelectorAll("td")].map(txt)}));
    const svg = sec.querySelector("figure svg");
    if (svg && c.name === "map") {
      svg.querySelectorAll("path").forEach(p => c.paths.push({code: p.dataset.country || "", fill: p.getAttribute("fill"),
        title: txt(p.querySelector("title"))}));
      for (const el of svg.children) {
        if (el.tagName === "rect" && el.getAttribute("width") !== "3600") c.legendFills.push(el.getAttribute("fill"));
        if (el.tagName === "text") c.legendTexts.push(txt(el));
      }
    }
    out.charts.push(c);
  });
  document.querySelectorAll(".groups-note li").forEach(li => out.groups.push(txt(li)));
  return JSON.stringify(out);
})()`
