package web

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestOpenData(t *testing.T) {
	e := newEnv(t)
	visitor := e.browser()

	// Before any data: the page says so, and the files are tables with a header only.
	empty := visitor.get("/open-data")
	if empty.StatusCode != http.StatusOK || !strings.Contains(empty.text(".meta"), "no data yet") {
		t.Errorf("empty open data: %d %q", empty.StatusCode, empty.text(".meta"))
	}

	w := fundedWorld(t, e)
	ctx := storetest.Admin()
	oic := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Organisation of Islamic Cooperation", "OIC"))
	mou := &accord.Agreement{Kind: "mou", Title: "MoU", Parties: []accord.AgreementParty{{OrgID: oic.ID}, {OrgID: w.who}}}
	if err := e.db.CreateAgreement(ctx, mou); err != nil {
		t.Fatal(err)
	}
	plan := &accord.Plan{Title: "Health plan", Agreements: []accord.PlanAgreement{{AgreementID: mou.ID}}}
	if err := e.db.CreatePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	act := &accord.Activity{PlanID: plan.ID, Title: "COVID-19 vaccine access for Afghanistan", Kind: "vaccine_access", Status: 2, LeadOrgID: w.who,
		Countries: []string{"AF"}, Description: "Internal: negotiating position, do not publish", Budget: "123456", Currency: "USD"}
	if err := e.db.CreateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}

	// The page, in each language, without signing in: downloads, licence, IATI, last updated; linked from the layout.
	for path, iati := range map[string]string{"/open-data": "do not publish IATI files yet", "/fr/open-data": "pas encore de fichiers IATI", "/ar/open-data": "لا ننشر ملفات IATI بعد"} {
		p := visitor.get(path)
		if p.StatusCode != http.StatusOK || !strings.Contains(p.Body, iati) || p.Doc.Find(`a[rel="license"][href="https://creativecommons.org/licenses/by/4.0/"]`).Length() != 1 ||
			p.Doc.Find(".meta time[datetime]").Length() != 1 || p.Doc.Find(`.downloads a[href="/open-data/activities-4w-hxl.csv"]`).Length() != 1 {
			t.Errorf("%s: %d", path, p.StatusCode)
		}
		if p.Doc.Find(`header nav a[href$="/open-data"][aria-current="page"]`).Length() != 1 || p.Doc.Find(`header nav a[href$="/contact"]`).Length() != 1 {
			t.Errorf("%s: the layout does not link the open-data and contact pages", path)
		}
	}

	read := func(path string) [][]string {
		t.Helper()
		p := visitor.get(path)
		if p.StatusCode != http.StatusOK || !strings.HasPrefix(p.Header.Get("Content-Type"), "text/csv") || p.Header.Get("ETag") == "" {
			t.Fatalf("%s: %d %s", path, p.StatusCode, p.Header.Get("Content-Type"))
		}
		if strings.Contains(p.Body, "negotiating position") || strings.Contains(p.Body, "123456") {
			t.Errorf("%s publishes an activity's description or budget", path)
		}
		rows, err := csv.NewReader(strings.NewReader(p.Body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return rows
	}
	hxl4w := read("/open-data/activities-4w-hxl.csv")
	if len(hxl4w) != 3 || hxl4w[1][0] != "#activity+name" || hxl4w[2][0] != act.Title || hxl4w[2][5] != "AF" {
		t.Errorf("4W with HXL: %q", hxl4w)
	}
	plain := read("/open-data/activities-4w.csv")
	if len(plain) != 2 || plain[0][0] != "Activity" || plain[1][0] != act.Title {
		t.Errorf("4W without HXL: %q", plain)
	}
	funding := read("/open-data/funding-by-country-hxl.csv")
	var af, total []string
	for _, r := range funding {
		switch r[0] {
		case "AF":
			af = r
		case "":
			total = r
		}
	}
	// Afghanistan: requirement 10,000,000; firm 3,000,000 (a payment and a commitment); pledged 250,000 apart.
	if funding[1][2] != "#value+funding+required+usd" || af == nil || af[2] != "10000000.00" || af[3] != "3000000.00" || af[5] != "250000.00" || total == nil || total[1] != "Total" {
		t.Errorf("funding by country: %q", funding)
	}
	if rows := read("/open-data/funding-by-country.csv"); rows[1][0] == "#country+code" {
		t.Error("the plain funding CSV has the hashtag row")
	}

	// Cached by what it is made of: unchanged data answers 304.
	p := visitor.get("/open-data/activities-4w.csv")
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/open-data/activities-4w.csv", nil)
	req.Header.Set("If-None-Match", p.Header.Get("ETag"))
	if res := visitor.do(req); res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d", res.StatusCode)
	}
	if p := visitor.get("/open-data/everything.csv"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown file: %d", p.StatusCode)
	}
}
