package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/accordhq/accord/internal/demo"
)

// TestBrowserCommentInArabic: a visitor comments in Arabic on the demo
// release (no JavaScript of ours involved), the demo editor approves it in
// the moderation queue, and the visitor, reloading, sees it.
func TestBrowserCommentInArabic(t *testing.T) {
	exe := chromium(t)
	s := startDemo(t)
	article := s.URL + "/ar/news/oic-who-enhance-cooperation-in-health"
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	run := func(ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(ctx context.Context, expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}

	visitor := browserContext(t, exe)
	name, text := "مريم العلي", "نرحب بهذا التعاون ونأمل أن يشمل التدريب الكوادر الصحية في الساحل."
	run(visitor, "open the article", chromedp.Navigate(article), chromedp.WaitVisible(css("#comment-form")))
	if dir := eval(visitor, `document.documentElement.dir`); dir != "rtl" {
		t.Fatalf("the Arabic article is %q", dir)
	}
	before := eval(visitor, `document.querySelector("#comments-title").innerText`)
	run(visitor, "write the comment",
		chromedp.SendKeys(css("#comment-name"), name),
		chromedp.SendKeys(css("#comment-email"), "mariam.private@example.org"),
		chromedp.SendKeys(css("#comment-text"), text))
	time.Sleep(3500 * time.Millisecond) // a person takes longer than the form's minimum
	run(visitor, "send it", chromedp.Click(css(`#comment-form button[type="submit"]`)), chromedp.WaitVisible(css(".comments .notice")))
	if notice := eval(visitor, `document.querySelector(".comments .notice").innerText`); !strings.Contains(notice, "المشرفين") {
		t.Errorf("after sending: %q", notice)
	}
	if strings.Contains(eval(visitor, `document.body.innerText`), text) {
		t.Errorf("the comment is public before moderation")
	}

	editor := browserContext(t, exe)
	run(editor, "sign in as the demo editor",
		chromedp.Navigate(s.URL+"/app/login"),
		chromedp.SendKeys(css("#email"), "editor@accord.example"),
		chromedp.SendKeys(css("#password"), demo.Password),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css(".stats")),
		chromedp.Navigate(s.URL+"/app/comments"),
		chromedp.WaitVisible(css("form.bulk")))
	ticked := eval(editor, `(() => { const row = [...document.querySelectorAll("form.bulk tbody tr")].find(tr => tr.innerText.includes(`+jsString(name)+`));
		if (!row) return "missing"; row.querySelector('input[type="checkbox"]').click(); return "ok"; })()`)
	if ticked != "ok" {
		t.Fatalf("the comment is not in the queue: %s", eval(editor, `document.querySelector("main").innerText`))
	}
	run(editor, "approve it", chromedp.Click(css(`form.bulk button[value="approved"]`)), chromedp.WaitVisible(css(".flash")))

	run(visitor, "reload", chromedp.Navigate(article), chromedp.WaitVisible(css(".comment-list")))
	shown := eval(visitor, `[...document.querySelectorAll(".comment")].map(c => c.innerText).join("\n")`)
	if !strings.Contains(shown, name) || !strings.Contains(shown, text) {
		t.Errorf("after approval the visitor does not see the comment:\n%s", shown)
	}
	if after := eval(visitor, `document.querySelector("#comments-title").innerText`); after == before {
		t.Errorf("the count did not change: %q", after)
	}
	if strings.Contains(eval(visitor, `document.documentElement.outerHTML`), "mariam.private@example.org") {
		t.Errorf("the page shows the commenter's email")
	}
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
