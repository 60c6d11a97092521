package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/webtest"
)

// TestEmailPrivacyCrawl seeds comments in every status with distinctive
// emails (and a staff reply, which stores the editor's), then crawls every
// public page reachable from the home pages, the feeds, the sitemap and the
// public API, and checks that no stored email appears in any answer.
func TestEmailPrivacyCrawl(t *testing.T) {
	now := time.Date(2022, 7, 26, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	who := webtest.PublicWorld(t, e.db, now)
	ctx := context.Background()
	n, err := e.db.PublicNewsBySlug(ctx, "oic-who")
	if err != nil {
		t.Fatal(err)
	}
	editor := &accord.User{Email: "zq-editor-7731@oic-staff.example", Name: "Comms", Role: accord.RoleEditor}
	if err := e.db.CreateUser(storetest.Admin(), editor, "x"); err != nil {
		t.Fatal(err)
	}
	mod := storetest.As(editor)
	emails := []string{editor.Email}
	submit := func(i int, lang string, parent int64) int64 {
		email := "zq-reader-" + strconv.Itoa(i) + "-4401@private-mail.example"
		emails = append(emails, email)
		c := &accord.CommentSubmission{NewsID: n.ID, Name: "Reader " + strconv.Itoa(i), Email: email, Website: "https://reader" + strconv.Itoa(i) + ".example/",
			Text: "Comment number " + strconv.Itoa(i) + " on the OIC and WHO.", Lang: lang}
		if parent != 0 {
			c.ParentID = &parent
		}
		id, _, err := e.db.SubmitComment(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	approved := []int64{submit(1, "en", 0), submit(2, "fr", 0), submit(3, "ar", 0)}
	if _, err := e.db.ModerateComments(mod, approved, accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	approved = append(approved, submit(4, "en", approved[0]))
	spam, trash := submit(5, "en", 0), submit(6, "en", 0)
	submit(7, "en", 0) // stays pending
	if _, err := e.db.ModerateComments(mod, approved[3:], accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	e.db.ModerateComments(mod, []int64{spam}, accord.CommentSpam)
	e.db.ModerateComments(mod, []int64{trash}, accord.CommentTrash)
	if _, err := e.db.ReplyAsOrganization(mod, approved[1], "OIC", "Merci."); err != nil {
		t.Fatal(err)
	}

	// What could betray an address: itself, its local part, and its encodings.
	var needles []string
	for _, m := range emails {
		local, _, _ := strings.Cut(m, "@")
		needles = append(needles, m, local, url.QueryEscape(m), strings.ReplaceAll(m, "@", "&#64;"), strings.ReplaceAll(m, "@", `\u0040`))
	}

	start := []string{"/", "/en/", "/fr/", "/ar/", "/en", "/news", "/fr/news", "/ar/news", "/feed.atom", "/fr/feed.atom", "/ar/feed.atom", "/sitemap.xml", "/robots.txt",
		"/en/news/search?q=comment", "/fr/news/search?q=OIC", "/ar/news/search?q=reader", "/en/partners/" + strconv.FormatInt(who.ID, 10),
		"/api/v1/news", "/api/v1/news?q=comment", "/api/v1/openapi.json", "/api/v1/news/" + strconv.FormatInt(n.ID, 10) + "/comments",
		"/en/news/oic-who?reply=" + strconv.FormatInt(approved[0], 10), "/en/news/oic-who?comment=pending"}
	links := regexp.MustCompile(`(?:href|src)="([^"]+)"|<loc>([^<]+)</loc>|"(/[a-z]{2}/news/[^"]+|/api/v1/[^"]+)"`)
	seen := map[string]bool{}
	queue := append([]string{}, start...)
	client := &http.Client{}
	pages := 0
	for len(queue) > 0 && pages < 2000 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		res, err := client.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		pages++
		all := string(body)
		for k, v := range res.Header {
			all += "\n" + k + ": " + strings.Join(v, ", ")
		}
		lower := strings.ToLower(all)
		for _, needle := range needles {
			if strings.Contains(lower, strings.ToLower(needle)) {
				t.Errorf("%s (%d) shows %q", path, res.StatusCode, needle)
			}
		}
		for _, m := range links.FindAllStringSubmatch(string(body), -1) {
			link := m[1] + m[2] + m[3]
			link = strings.ReplaceAll(link, "&amp;", "&")
			u, err := url.Parse(link)
			if err != nil {
				continue
			}
			here, _ := url.Parse(e.srv.URL + path)
			u = here.ResolveReference(u)
			if u.Host != here.Host {
				continue
			}
			u.Fragment = ""
			p := u.RequestURI()
			if strings.HasPrefix(p, "/app/") || strings.HasPrefix(p, "/static/") || seen[p] {
				continue
			}
			queue = append(queue, p)
		}
	}
	if pages < 30 {
		t.Errorf("crawled only %d answers: %v", pages, seen)
	}
	for _, must := range []string{"/en/news/oic-who", "/fr/news/oic-who", "/ar/news/oic-who", "/ar/feed.atom"} {
		if !seen[must] {
			t.Errorf("the crawl did not reach %s", must)
		}
	}
	// The article shows the approved comments and their count, so the crawl saw real comments.
	res, _ := client.Get(e.srv.URL + "/en/news/oic-who")
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "Comment number 4") || !strings.Contains(string(body), "Comments (5)") || strings.Contains(string(body), "Comment number 7") {
		t.Errorf("the article does not show exactly the approved comments")
	}
}
