package web

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/webtest"
)

// TestCommentModerationFlow: a reader comments in Arabic, every refusal
// keeps what they typed, an editor approves in the queue and replies as
// the organization, the reader sees both.
func TestCommentModerationFlow(t *testing.T) {
	now := time.Date(2022, 7, 26, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	reader := e.browser()
	article := "/ar/news/oic-who"
	action := "/ar/news/oic-who/comments"

	p := reader.get(article)
	if p.StatusCode != http.StatusOK || p.Doc.Find("#comment-form").Length() != 1 {
		t.Fatalf("article: %d, form %d", p.StatusCode, p.Doc.Find("#comment-form").Length())
	}
	if got := p.text("#comments-title"); got != "التعليقات (٠)" {
		t.Errorf("count heading %q", got)
	}
	if p.Doc.Find(`label[for="comment-name"] abbr`).Text() != "*" || p.Doc.Find(`label[for="comment-email"] abbr`).Text() != "*" || p.Doc.Find(`label[for="comment-website"] abbr`).Length() != 0 {
		t.Errorf("required fields are not marked *")
	}
	if !strings.Contains(p.Body, "لن يتم نشر عنوان بريدك الإلكتروني") || p.Doc.Find(`html[dir="rtl"]`).Length() != 1 {
		t.Errorf("the Arabic form does not say the email stays private, or the page is not right-to-left")
	}
	if cc := p.Header.Get("Cache-Control"); !strings.Contains(cc, "private") {
		t.Errorf("article with a form cookie is %q", cc)
	}
	text := "خبر سار للساحل"
	csrf := p.Doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	form := webtest.CommentForm("أمينة", "amina@example.org", text)

	// Too fast: refused, the text kept.
	p = reader.post(action, form, article)
	if p.StatusCode != http.StatusBadRequest || !strings.Contains(p.text(".comments .problem"), "ثوانٍ") || p.text("#comment-text") != text || p.Doc.Find("#comment-name").AttrOr("value", "") != "أمينة" {
		t.Fatalf("too fast: %d %q, text %q", p.StatusCode, p.text(".comments .problem"), p.text("#comment-text"))
	}
	now = now.Add(5 * time.Second)
	// The honeypot.
	bot := webtest.CommentForm("Bot", "bot@example.org", "hello")
	bot.Set("homepage", "https://spam.example")
	bot.Set("csrf", csrf)
	if p = reader.post(action, bot, ""); p.StatusCode != http.StatusBadRequest || p.text("#comment-text") != "hello" {
		t.Errorf("honeypot: %d", p.StatusCode)
	}
	// A field problem, translated, in place.
	bad := webtest.CommentForm("أمينة", "not-an-email", text)
	bad.Set("csrf", csrf)
	p = reader.post(action, bad, "")
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#comment-email-error") != "يجب أن يكون عنوان بريد إلكتروني مثل name@example.org" ||
		p.Doc.Find(`#comment-email[aria-invalid="true"]`).Length() != 1 || p.text("#comment-text") != text {
		t.Errorf("bad email: %d %q", p.StatusCode, p.text("#comment-email-error"))
	}
	// A forged token; no form cookie.
	forged := webtest.CommentForm("أمينة", "amina@example.org", text)
	forged.Set("csrf", "forged")
	if p = reader.post(action, forged, ""); p.StatusCode != http.StatusForbidden || p.text("#comment-text") != text {
		t.Errorf("forged token: %d", p.StatusCode)
	}
	stranger := e.browser()
	token := stranger.get(article).Doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	cookieless := e.browser()
	form.Set("csrf", token)
	if p = cookieless.post(action, form, ""); p.StatusCode != http.StatusBadRequest || !strings.Contains(p.Body, "ملفات تعريف الارتباط") {
		t.Errorf("no form cookie: %d", p.StatusCode)
	}

	// Sent (a refused token renewed the form cookie: the reader read it over): pending, not shown, the reader told so.
	now = now.Add(5 * time.Second)
	p = reader.post(action, form, "")
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/ar/news/oic-who?comment=pending#comments" {
		t.Fatalf("send: %d %s %s", p.StatusCode, p.Header.Get("Location"), p.text(".problem"))
	}
	p = reader.get("/ar/news/oic-who?comment=pending")
	if !strings.Contains(p.text(".comments .notice"), "بعد أن يوافق") || p.Doc.Find(".comment").Length() != 0 {
		t.Errorf("after sending: notice %q, %d comments shown", p.text(".notice"), p.Doc.Find(".comment").Length())
	}

	// The editor's queue: counts, the email (staff only), bulk approve.
	editor := e.signedIn("comms@oic-oci.org", accord.RoleEditor, nil)
	q := editor.get("/app/comments")
	if q.StatusCode != http.StatusOK || !strings.Contains(q.text(`.tabs a[aria-current]`), "(1)") || !strings.Contains(q.Body, "amina@example.org") {
		t.Fatalf("queue: %d %q", q.StatusCode, q.text(".tabs"))
	}
	id := q.Doc.Find(`input[name="ids"]`).First().AttrOr("value", "")
	res := editor.post("/app/comments/moderate", url.Values{"ids": {id}, "action": {"approved"}, "back": {"status=pending"}}, "/app/comments")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", res.StatusCode, res.text(".problems, main"))
	}
	if q = editor.get("/app/comments?status=approved"); !strings.Contains(q.text(`.tabs a[aria-current]`), "(1)") {
		t.Errorf("approved tab: %q", q.text(".tabs"))
	}
	// Reply as the organization.
	res = editor.post("/app/comments/"+id+"/reply", url.Values{"reply_name": {"OIC"}, "reply_text": {"شكرًا لكم"}}, "/app/comments/"+id)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d %s", res.StatusCode, res.text(".problems"))
	}
	// Edit, with a problem kept in the form.
	res = editor.post("/app/comments/"+id, url.Values{"name": {""}, "website": {""}, "text": {text + "!"}, "version": {"2"}}, "/app/comments/"+id)
	if res.StatusCode != http.StatusUnprocessableEntity || res.Doc.Find("#name[aria-invalid]").Length() != 1 || res.text("#text") != text+"!" {
		t.Errorf("edit without a name: %d", res.StatusCode)
	}

	p = reader.get(article)
	if p.text("#comments-title") != "التعليقات (٢)" || p.text(".comment-list > li > .comment .text") != text || p.Doc.Find(".replies .comment.by-org").Length() != 1 {
		t.Errorf("after approval: %q, %q, org replies %d", p.text("#comments-title"), p.text(".comment .text"), p.Doc.Find(".replies .by-org").Length())
	}
	// A reader's reply to the organization's reply attaches to the top comment.
	replyHref := p.Doc.Find(".reply-link a").AttrOr("href", "")
	if !strings.HasPrefix(replyHref, "/ar/news/oic-who?reply="+id) {
		t.Fatalf("reply link %q", replyHref)
	}
	p = reader.get(strings.TrimSuffix(replyHref, "#comment-form"))
	if p.Doc.Find(`input[name="parent"]`).AttrOr("value", "") != id {
		t.Errorf("reply form has no parent")
	}

	// Others may not moderate.
	for _, role := range []accord.Role{accord.RoleViewer, accord.RolePartner, accord.RoleOfficer} {
		var org *int64
		if role == accord.RolePartner {
			o := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("Partner", "P"))
			org = &o.ID
		}
		b := e.signedIn(string(role)+"@oic-oci.org", role, org)
		if p := b.get("/app/comments"); p.StatusCode != http.StatusForbidden {
			t.Errorf("%s opens the queue: %d", role, p.StatusCode)
		}
		if p := b.post("/app/comments/moderate", url.Values{"ids": {id}, "action": {"trash"}}, "/app/"); p.StatusCode != http.StatusForbidden {
			t.Errorf("%s moderates: %d", role, p.StatusCode)
		}
	}
}

// TestCommentBlocklistAndSettings: editors block words and addresses; a
// blocked comment is refused with a clear message, keeping the text.
func TestCommentBlocklistAndSettings(t *testing.T) {
	now := time.Date(2022, 7, 26, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	editor := e.signedIn("comms@oic-oci.org", accord.RoleEditor, nil)
	for _, term := range []string{"casino", "spam.example"} {
		if p := editor.post("/app/comments/blocklist", url.Values{"term": {term}}, "/app/comments/settings"); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("block %s: %d", term, p.StatusCode)
		}
	}
	p := editor.post("/app/comments/blocklist", url.Values{"term": {"Casino"}}, "/app/comments/settings")
	if p.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text("#term-error"), "already") || p.Doc.Find("#term").AttrOr("value", "") != "Casino" {
		t.Errorf("blocking twice: %d %q", p.StatusCode, p.text("#term-error"))
	}
	if p := editor.get("/app/comments/settings"); p.Doc.Find("ul.plain li").Length() != 2 || p.Doc.Find("#auto_approve_known[checked]").Length() != 1 {
		t.Errorf("settings page: %d terms", p.Doc.Find("ul.plain li").Length())
	}
	if p := editor.post("/app/comments/settings", url.Values{}, "/app/comments/settings"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("save settings: %d", p.StatusCode)
	}
	if s, _ := e.db.CommentSettings(storetest.As(&accord.User{ID: 1, Email: "x", Role: accord.RoleEditor})); s.AutoApproveKnown {
		t.Errorf("auto-approval still on after unticking")
	}

	reader := e.browser()
	csrf := reader.get("/en/news/oic-who").Doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	now = now.Add(5 * time.Second)
	send := func(f url.Values) page { f.Set("csrf", csrf); return reader.post("/en/news/oic-who/comments", f, "") }
	for _, f := range []url.Values{webtest.CommentForm("A", "a@example.org", "Best CASINO in town"), webtest.CommentForm("A", "bot@spam.example", "hello")} {
		p := send(f)
		if p.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text(".comments .problem"), "does not accept") || p.text("#comment-text") != f.Get("text") {
			t.Errorf("blocked %v: %d %q", f, p.StatusCode, p.text(".problem"))
		}
	}
	// Too many links, too long.
	p = send(webtest.CommentForm("A", "a@example.org", "http://a.example http://b.example http://c.example"))
	if p.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text("#comment-text-error"), "3 links") {
		t.Errorf("links: %d %q", p.StatusCode, p.text("#comment-text-error"))
	}
	long := strings.Repeat("a", accord.CommentMaxText+1)
	p = send(webtest.CommentForm("A", "a@example.org", long))
	if p.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.text("#comment-text-error"), "too long") || p.text("#comment-text") != long {
		t.Errorf("too long: %d %q", p.StatusCode, p.text("#comment-text-error"))
	}
}

// TestCommentXSSInert: the OWASP filter-evasion vectors as name, website
// and text of approved comments render as text: no element, attribute or
// address of theirs becomes live.
func TestCommentXSSInert(t *testing.T) {
	now := time.Date(2022, 7, 26, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	n, err := e.db.PublicNewsBySlug(context.Background(), "oic-who")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../markdown/testdata/owasp-xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vectors []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "go:") {
			continue
		}
		vectors = append(vectors, line)
	}
	vectors = append(vectors, `"><script>alert(1)</script>`, `javascript:alert(1)`, `https://example.org/"><svg onload=alert(1)>`)
	editor := &accord.User{Email: "comms@oic-oci.org", Name: "Comms", Role: accord.RoleEditor}
	if err := e.db.CreateUser(storetest.Admin(), editor, "x"); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, v := range vectors {
		name := strings.Join(strings.Fields(v), " ")
		if r := []rune(name); len(r) > accord.CommentMaxName {
			name = string(r[:accord.CommentMaxName])
		}
		c := &accord.CommentSubmission{NewsID: n.ID, Name: name, Email: "x" + strconv.Itoa(i) + "@example.org", Text: v}
		if strings.HasPrefix(v, "https://") {
			c.Website = v
		}
		id, _, err := e.db.SubmitComment(context.Background(), c)
		if err != nil {
			continue // refused by the rules (links, control characters): not shown either
		}
		ids = append(ids, id)
	}
	if len(ids) < len(vectors)/2 {
		t.Fatalf("only %d of %d vectors stored", len(ids), len(vectors))
	}
	if _, err := e.db.ModerateComments(storetest.As(editor), ids, accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ar"} {
		p := e.browser().get("/" + lang + "/news/oic-who?comments=all")
		section := p.Doc.Find("section.comments")
		if got := section.Find(".comment").Length(); got != len(ids) {
			t.Fatalf("%s: %d comments shown, want %d", lang, got, len(ids))
		}
		section.Find(".comment-list *").Each(func(_ int, s *goquery.Selection) {
			tag := goquery.NodeName(s)
			switch tag {
			case "li", "ol", "article", "header", "span", "time", "div", "p", "br", "a":
			default:
				t.Errorf("%s: element <%s> in the comments", lang, tag)
			}
			for _, a := range s.Nodes[0].Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style" || a.Key == "src" {
					t.Errorf("%s: attribute %s=%q in the comments", lang, a.Key, a.Val)
				}
				if a.Key == "href" && !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") && !strings.HasPrefix(a.Val, "/"+lang+"/news/oic-who?reply=") {
					t.Errorf("%s: link %q in the comments", lang, a.Val)
				}
			}
		})
		if strings.Contains(strings.ToLower(p.Body), "<script>alert") {
			t.Errorf("%s: a script vector is live in the page", lang)
		}
	}
	// The public API answers the same comments as JSON.
	res, err := http.Get(e.srv.URL + "/api/v1/news/" + strconv.FormatInt(n.ID, 10) + "/comments")
	if err != nil || res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("API: %v %v", res, err)
	}
	res.Body.Close()
}
