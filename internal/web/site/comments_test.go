package site

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
	"github.com/accordhq/accord/internal/web/webtest"
)

// TestCommentRateLimit: a flood from one address is throttled with a clear
// message and the text kept; another address is not affected.
func TestCommentRateLimit(t *testing.T) {
	now := time.Date(2022, 7, 26, 9, 0, 0, 0, time.UTC)
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	reader := e.browser()
	csrf := reader.Get("/en/news/oic-who").Doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	now = now.Add(5 * time.Second)
	send := func(f url.Values) webtest.Page {
		f.Set("csrf", csrf)
		return reader.Post("/en/news/oic-who/comments", f, "")
	}
	var p webtest.Page
	for i := range commentPostLimit + 1 {
		p = send(webtest.CommentForm("Flood", "flood@example.org", "comment "+strconv.Itoa(i)))
		if i < commentPostLimit && p.StatusCode != http.StatusSeeOther {
			t.Fatalf("post %d: %d %s", i, p.StatusCode, p.Text(".problem"))
		}
	}
	if p.StatusCode != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" || !strings.Contains(p.Text(".problem"), "Wait ten minutes") ||
		p.Text("#comment-text") != "comment "+strconv.Itoa(commentPostLimit) {
		t.Errorf("flood: %d %q", p.StatusCode, p.Text(".problem"))
	}
	// The site still answers, and after the window the reader may post again.
	if p := reader.Get("/en/news/oic-who"); p.StatusCode != http.StatusOK {
		t.Errorf("the article after a flood: %d", p.StatusCode)
	}
	now = now.Add(commentPostWindow + time.Second)
	if p := send(webtest.CommentForm("Flood", "flood@example.org", "later")); p.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d", p.StatusCode)
	}
}

// TestCommentsLatestThreadsShown: an article with more threads than it
// shows lists the latest, says how many older ones there are and links to
// all; a comment approved later changes the page at once.
func TestCommentsLatestThreadsShown(t *testing.T) {
	now := time.Now()
	e := newClockEnv(t, &now)
	webtest.PublicWorld(t, e.db, now)
	ctx := storetest.Admin()
	n, err := e.db.PublicNewsBySlug(ctx, "oic-who")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := range commentThreadsShown + 3 {
		id, _, err := e.db.SubmitComment(context.Background(), &accord.CommentSubmission{NewsID: n.ID, Name: fmt.Sprintf("Reader %d", i),
			Email: fmt.Sprintf("r%d@example.org", i), Text: fmt.Sprintf("Comment number %d.", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := e.db.ModerateComments(ctx, ids[:len(ids)-1], accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	b := e.browser()
	p := b.Get("/en/news/oic-who")
	shown := p.Doc.Find("section.comments .comment")
	if shown.Length() != commentThreadsShown || !strings.Contains(shown.First().Text(), "Comment number 2.") {
		t.Errorf("%d comments shown, first %q; want the latest %d, from number 2", shown.Length(), shown.First().Text(), commentThreadsShown)
	}
	if older := p.Doc.Find("section.comments p.older a"); !strings.Contains(older.Text(), "2 older") || !strings.Contains(older.AttrOr("href", ""), "comments=all") {
		t.Errorf("link to older comments: %q %q", older.Text(), older.AttrOr("href", ""))
	}
	if got := b.Get("/en/news/oic-who?comments=all").Doc.Find("section.comments .comment").Length(); got != len(ids)-1 {
		t.Errorf("all comments: %d shown, want %d", got, len(ids)-1)
	}
	if _, err := e.db.ModerateComments(ctx, ids[len(ids)-1:], accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	if last := b.Get("/en/news/oic-who").Doc.Find("section.comments .comment").Last().Text(); !strings.Contains(last, fmt.Sprintf("Comment number %d.", len(ids)-1)) {
		t.Errorf("a comment approved after the page was read is not on it: last shown %q", last)
	}
}
