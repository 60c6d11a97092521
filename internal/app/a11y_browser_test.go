package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource reads axe-core from ACCORD_AXE (set by .ci/run, which installs
// it from npm into a cache outside the repository), else from that cache.
// Without it the test is skipped, or fails when ACCORD_TEST_BROWSER=required.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ACCORD_AXE")
	if path == "" {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, ".cache", "accord-axe", "node_modules", "axe-core", "axe.min.js")
		}
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		msg := "axe-core not found (ACCORD_AXE=" + os.Getenv("ACCORD_AXE") + "); run .ci/run, or: npm install --prefix ~/.cache/accord-axe axe-core@4"
		if os.Getenv("ACCORD_TEST_BROWSER") == "required" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// axeViolation is what axe-core reports of one rule broken on a page.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// TestBrowserAccessibility opens the public pages in Chromium, runs
// axe-core on each (WCAG 2.1 A and AA, and best practices) and fails on any
// serious or critical violation. The news page carries the comment form
// when the comments capability serves it.
func TestBrowserAccessibility(t *testing.T) {
	exe := chromium(t)
	axe := axeSource(t)
	s := startDemo(t)
	ctx := browserContext(t, exe)

	pages := []string{
		"/en/", "/ar/",
		"/en/news/oic-who-enhance-cooperation-in-health", "/ar/news/oic-who-enhance-cooperation-in-health",
		"/en/contact", "/fr/contact", "/ar/contact",
		"/en/open-data",
	}
	for _, path := range pages {
		err := chromedp.Do(ctx, chromedp.Navigate(s.URL+path), chromedp.WaitReady("main"), chromedp.Evaluate[chromedp.Void](axe))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		hasCommentForm, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main form textarea") !== null`))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}, resultTypes: ["violations"]})
			.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))})))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", path, err)
		}
		if strings.Contains(path, "/news/") {
			t.Logf("%s: comment form present: %v", path, hasCommentForm)
		}
		for _, v := range violations {
			if v.Impact != "serious" && v.Impact != "critical" {
				t.Logf("%s: %s (%s): %s", path, v.ID, v.Impact, v.Help)
				continue
			}
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmtTarget(n.Target))
			}
			t.Errorf("%s: %s violation %s: %s at %s", path, v.Impact, v.ID, v.Help, strings.Join(where, "; "))
		}
	}
}

func fmtTarget(target []any) string {
	var parts []string
	for _, x := range target {
		if s, ok := x.(string); ok {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " > ")
}
