package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/demo"
)

// TestBrowserWalksTheChain records an engagement, adds its action point,
// drafts the agreement it led to, signs it and puts it in force, adds a plan
// of action with an activity, and then sees all of it on WHO's page as WHO's
// partner focal point.
func TestBrowserWalksTheChain(t *testing.T) {
	exe := chromium(t)
	s := startDemo(t)
	orgID := func(acronym string) int64 {
		orgs, _, err := s.DB.ListOrganizations(accord.WithActor(context.Background(), accord.SystemActor), accord.OrganizationFilter{Q: acronym})
		if err != nil || len(orgs) != 1 {
			t.Fatalf("%s in the demo: %v", acronym, err)
		}
		return orgs[0].ID
	}
	who, oic := orgID("WHO"), orgID("OIC")
	ctx := browserContext(t, exe)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	signIn := func(email string) {
		do("sign in as "+email,
			chromedp.Navigate(s.URL+"/app/login"),
			chromedp.SendKeys(css("#email"), email),
			chromedp.SendKeys(css("#password"), demo.Password),
			chromedp.Submit(css("#password")),
			chromedp.WaitVisible(css(".stats")))
	}
	choose := func(selector string, value int64) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).querySelector('option[value="%d"]').selected = true`, selector, value))
	}
	signIn(demo.AdminEmail)

	do("record an engagement",
		chromedp.Navigate(s.URL+"/app/engagements/new"),
		chromedp.SendKeys(css("#title"), "Follow-up meeting on vaccine logistics"),
		chromedp.SetValue(css("#date"), "2022-10-05"),
		chromedp.SendKeys(css("#city"), "Jeddah"),
		choose("#org", who),
		choose("#org", oic),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css("#action-points")))
	do("add its action point",
		chromedp.SendKeys(css("#text"), "Agree the vaccine logistics annex"),
		chromedp.Submit(css("#text")),
		chromedp.WaitVisible(css(".points")))
	do("draft the agreement it led to",
		chromedp.Click(css(`a[href^="/app/agreements/new?engagement="]`)),
		chromedp.WaitVisible(css("#title")),
		chromedp.SendKeys(css("#title"), "Vaccine logistics agreement"),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css(".history")))
	agreementURL := eval(`location.pathname`)
	// Only two parties came from the engagement (OIC and WHO); record both signatures.
	do("record signatures",
		chromedp.Navigate(s.URL+agreementURL+"/edit"),
		chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('input[name="party_signed_on"]').forEach((el, i) => { if (i < 2) el.value = "2022-10-06" })`),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css(".history")))
	for _, to := range []string{"negotiation", "clearance", "signed", "active"} {
		do("move to "+to,
			chromedp.Click(css(fmt.Sprintf(`button[name="status"][value="%s"]`, to))),
			chromedp.WaitVisible(css(".status-"+to)))
	}
	do("add a plan of action",
		chromedp.Click(css(`a[href^="/app/plans/new?agreement="]`)),
		chromedp.SendKeys(css("#title"), "Vaccine logistics plan"),
		chromedp.SendKeys(css(`input[name="objective"]`), "Cold chain in Afghanistan"),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css(".objective")))
	do("add an activity",
		chromedp.Click(css(`a[href^="/app/activities/new?plan="]`)),
		chromedp.WaitVisible(css("#title")),
		chromedp.SendKeys(css("#title"), "Cold-chain equipment for Kabul"),
		chromedp.SetValue(css("#kind"), "medical_supplies"),
		choose("#lead_org_id", who),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#countries option[value="AF"]').selected = true`),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css(".facts")))
	if got := eval(`document.querySelector(".facts").innerText`); !strings.Contains(got, "AF") {
		t.Errorf("activity page: %q", got)
	}

	// WHO's focal point sees the chain on WHO's page, and nothing of ICRC's.
	do("sign out", chromedp.Click(css(`form[action="/app/logout"] button`)), chromedp.WaitVisible(css("#email")))
	signIn("partner@who.example")
	do("open WHO's page", chromedp.Navigate(fmt.Sprintf("%s/app/organizations/%d", s.URL, who)), chromedp.WaitVisible(css(".facts")))
	page := eval(`document.querySelector("main").innerText`)
	for _, want := range []string{"Follow-up meeting on vaccine logistics", "Vaccine logistics agreement", "Cold-chain equipment for Kabul"} {
		if !strings.Contains(page, want) {
			t.Errorf("WHO's partner does not see %q on WHO's page", want)
		}
	}
	if strings.Contains(page, "ICRC") || strings.Contains(page, "Red Cross") {
		t.Error("WHO's partner sees ICRC on WHO's page")
	}
	do("open the activities list", chromedp.Navigate(s.URL+"/app/activities"), chromedp.WaitVisible(css(".count")))
	if list := eval(`document.querySelector("main").innerText`); strings.Contains(list, "humanitarian law") {
		t.Error("WHO's partner sees the ICRC seminar")
	}
}

// browserContext starts a headless Chromium for the test.
func browserContext(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}
