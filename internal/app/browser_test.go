package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accordhq/accord/internal/demo"
)

// chromium finds the browser, or skips the test; with ACCORD_TEST_BROWSER=required
// (as in CI) a missing browser fails instead.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("ACCORD_TEST_BROWSER") == "required" {
		t.Fatal("no Chromium found; install the chromium package")
	}
	t.Skip("no Chromium found")
	return ""
}

func startDemo(t *testing.T) *Server {
	t.Helper()
	cfg := Config{Addr: "127.0.0.1:0", DB: "sqlite:" + filepath.Join(t.TempDir(), "accord.db"), Demo: true,
		LogFormat: "text", LogLevel: "info", SessionTTL: time.Hour}
	s, err := Start(context.Background(), cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown() })
	return s
}

// TestBrowserSignInArabicCreateOrganization drives a real Chromium: sign in,
// switch to Arabic, check the page is right-to-left and mirrored, create an
// organization and find it in the list.
func TestBrowserSignInArabicCreateOrganization(t *testing.T) {
	exe := chromium(t)
	s := startDemo(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.WindowSize(1280, 900))
	allocCtx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/app/login"),
		chromedp.SendKeys(css("#email"), demo.AdminEmail),
		chromedp.SendKeys(css("#password"), demo.Password),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css(".stats")),
		chromedp.Click(css(`.lang button[value="ar"]`)),
		chromedp.WaitVisible(css(`html[dir="rtl"] .stats`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	eval := func(expr string) string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	dir, lang, heading := eval(`document.documentElement.dir`), eval(`document.documentElement.lang`), eval(`document.querySelector("h1").innerText`)
	if dir != "rtl" || lang != "ar" {
		t.Fatalf("after switching to Arabic: dir=%q lang=%q", dir, lang)
	}
	if !strings.Contains(heading, "مرحب") {
		t.Errorf("heading is not Arabic: %q", heading)
	}
	// Mirrored: the brand sits at the right edge, the tools at the left.
	if eval(`String(document.querySelector(".brand").getBoundingClientRect().left > document.querySelector(".tools").getBoundingClientRect().left)`) != "true" {
		t.Errorf("layout not mirrored: in Arabic the brand belongs on the right of the tools")
	}

	name := "Islamic Solidarity Fund for Development"
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/app/organizations/new"),
		chromedp.SendKeys(css("#name_en"), name),
		chromedp.SendKeys(css("#name_ar"), "صندوق التضامن الإسلامي للتنمية"),
		chromedp.SendKeys(css("#acronym"), "ISFD"),
		chromedp.SetValue(css("#hq_country"), "SA"),
		chromedp.Submit(css("#name_en")),
		chromedp.WaitVisible(css(".facts")),
		chromedp.Navigate(s.URL+"/app/organizations?q=ISFD"),
		chromedp.WaitVisible(css(".count")),
	)
	if err != nil {
		t.Fatal(err)
	}
	rows := eval(`[...document.querySelectorAll("tbody tr td:first-child")].map(td => td.innerText).join("|")`)
	if rows != "صندوق التضامن الإسلامي للتنمية" {
		t.Errorf("list after create shows %q; want the new organization under its Arabic name", rows)
	}
	if out := os.Getenv("ACCORD_SCREENSHOT"); out != "" {
		if err := chromedp.Do(ctx, chromedp.Click(css(`.lang button[value="en"]`)), chromedp.WaitVisible(css(`html[dir="ltr"] .count`)),
			chromedp.Navigate(s.URL+"/app/organizations"), chromedp.WaitVisible(css(".count"))); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		_ = os.WriteFile(out, png, 0o644)
	}
}
