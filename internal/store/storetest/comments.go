package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// CommentWorld is a published news item and a draft, for comment tests.
type CommentWorld struct {
	Published, Draft *accord.NewsItem
	Editor           *accord.User
	Now              time.Time // an hour after the item was published; the store's clock is left as it is
}

// NewCommentWorld publishes one news item (and keeps one draft) with an editor.
func NewCommentWorld(t testing.TB, db *store.DB) *CommentWorld {
	t.Helper()
	w := &CommentWorld{Now: time.Date(2022, 7, 26, 9, 0, 0, 0, time.UTC),
		Editor: &accord.User{Email: "comms@oic-oci.org", Name: "Comms", Role: accord.RoleEditor}}
	if err := db.CreateUser(Admin(), w.Editor, "x"); err != nil {
		t.Fatal(err)
	}
	published := w.Now.Add(-time.Hour)
	w.Published = &accord.NewsItem{Slug: "oic-who", Status: accord.NewsPublished, PublishAt: &published, Translations: []accord.NewsTranslation{{Lang: "en", Title: "OIC and WHO"}}}
	w.Draft = &accord.NewsItem{Slug: "draft", Status: accord.NewsDraft, Translations: []accord.NewsTranslation{{Lang: "en", Title: "Draft"}}}
	for _, n := range []*accord.NewsItem{w.Published, w.Draft} {
		if err := db.CreateNews(As(w.Editor), n); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// Submit posts a comment as a reader and returns its id and status.
func (w *CommentWorld) Submit(t testing.TB, db *store.DB, name, email, text string, parent int64) (int64, string) {
	t.Helper()
	c := &accord.CommentSubmission{NewsID: w.Published.ID, Name: name, Email: email, Text: text, Lang: "en", IP: "192.0.2.7"}
	if parent != 0 {
		c.ParentID = &parent
	}
	id, status, err := db.SubmitComment(context.Background(), c)
	if err != nil {
		t.Fatalf("submit %q: %v", text, err)
	}
	return id, status
}

func testComments(t *testing.T, db *store.DB) {
	w := NewCommentWorld(t, db)
	mod := As(w.Editor)
	ctx := context.Background()

	// A first-time commenter waits, whatever the setting.
	first, status := w.Submit(t, db, "Amina", "Amina@Example.org", "Good news for Sahel.", 0)
	if status != accord.CommentPending {
		t.Fatalf("first comment: %s, want pending", status)
	}
	if _, n, _ := db.PublicComments(ctx, w.Published.ID); n != 0 {
		t.Errorf("a pending comment is public")
	}
	// Until approved, the same person waits again.
	if _, status := w.Submit(t, db, "Amina", "amina@example.org", "Second thought.", 0); status != accord.CommentPending {
		t.Errorf("second comment before approval: %s", status)
	}
	if n, err := db.ModerateComments(mod, []int64{first}, accord.CommentApproved); err != nil || n != 1 {
		t.Fatalf("approve: %d %v", n, err)
	}
	// Known now: published at once (the default setting), email compared without case.
	if _, status := w.Submit(t, db, "Amina", "AMINA@example.org", "Third.", 0); status != accord.CommentApproved {
		t.Errorf("known commenter: %s, want approved", status)
	}
	if err := db.SetCommentSettings(mod, accord.CommentSettings{AutoApproveKnown: false}); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.CommentSettings(mod); s.AutoApproveKnown {
		t.Errorf("setting not saved")
	}
	if _, status := w.Submit(t, db, "Amina", "amina@example.org", "Fourth.", 0); status != accord.CommentPending {
		t.Errorf("known commenter with the setting off: %s, want pending", status)
	}

	// Replies: one level deep; a reply to a reply attaches to the top comment.
	reply, _ := w.Submit(t, db, "Omar", "omar@example.net", "I agree.", first)
	if _, err := db.ModerateComments(mod, []int64{reply}, accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	deep, _ := w.Submit(t, db, "Lina", "lina@example.com", "Me too.", reply)
	got, err := db.GetComment(mod, deep)
	if err != nil || got.ParentID == nil || *got.ParentID != first {
		t.Errorf("reply to a reply: parent %v (%v), want %d", got.ParentID, err, first)
	}
	// Readers reply only to published comments of the same item.
	pending, _ := w.Submit(t, db, "Zed", "zed@example.com", "Waiting.", 0)
	for name, parent := range map[string]int64{"pending": pending, "missing": 99999} {
		c := &accord.CommentSubmission{NewsID: w.Published.ID, ParentID: &parent, Name: "X", Email: "x@example.com", Text: "reply"}
		if _, _, err := db.SubmitComment(ctx, c); accord.ErrorCode(err) != accord.EINVALID {
			t.Errorf("reply to a %s comment: %v", name, err)
		}
	}
	// Not on drafts, nor on items that do not exist.
	for _, id := range []int64{w.Draft.ID, 99999} {
		c := &accord.CommentSubmission{NewsID: id, Name: "X", Email: "x@example.com", Text: "hi"}
		if _, _, err := db.SubmitComment(ctx, c); accord.ErrorCode(err) != accord.ENOTFOUND {
			t.Errorf("comment on news %d: %v", id, err)
		}
	}
	// Rules: required fields, limits, links.
	for name, c := range map[string]accord.CommentSubmission{
		"name":    {Email: "a@example.org", Text: "x"},
		"email":   {Name: "A", Email: "not-an-email", Text: "x"},
		"text":    {Name: "A", Email: "a@example.org", Text: strings.Repeat("x", accord.CommentMaxText+1)},
		"website": {Name: "A", Email: "a@example.org", Text: "x", Website: "javascript:alert(1)"},
	} {
		c.NewsID = w.Published.ID
		_, _, err := db.SubmitComment(ctx, &c)
		if fields := accord.ErrorFields(err); len(fields) == 0 || fields[0].Field != name {
			t.Errorf("bad %s: %v", name, err)
		}
	}
	links := &accord.CommentSubmission{NewsID: w.Published.ID, Name: "A", Email: "a@example.org", Text: "http://a.example https://b.example www.c.example"}
	if _, _, err := db.SubmitComment(ctx, links); err == nil || !strings.Contains(err.Error(), "3 links") {
		t.Errorf("three links: %v", err)
	}

	// The blocklist: words (whole, any case and accents) and addresses.
	for _, term := range []string{"Casino", "spam.example", "203.0.113."} {
		if _, err := db.AddBlockedTerm(mod, term); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.AddBlockedTerm(mod, " casino "); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("a term twice: %v", err)
	}
	for name, c := range map[string]accord.CommentSubmission{
		"word":    {Name: "A", Email: "a@example.org", Text: "Best CASINO bonus"},
		"email":   {Name: "A", Email: "bot@spam.example", Text: "hello"},
		"website": {Name: "A", Email: "a@example.org", Website: "https://www.spam.example/x", Text: "hello"},
		"ip":      {Name: "A", Email: "a@example.org", Text: "hello", IP: "203.0.113.9"},
	} {
		c.NewsID = w.Published.ID
		if _, _, err := db.SubmitComment(ctx, &c); accord.ErrorCode(err) != accord.EINVALID || !strings.Contains(err.Error(), "does not accept") {
			t.Errorf("blocked %s: %v", name, err)
		}
	}
	ok := &accord.CommentSubmission{NewsID: w.Published.ID, Name: "A", Email: "a@example.org", Text: "Casinos are a word of their own", IP: "203.0.11.9"}
	if _, _, err := db.SubmitComment(ctx, ok); err != nil {
		t.Errorf("a longer word or another address is not blocked: %v", err)
	}
	terms, _ := db.Blocklist(mod)
	if len(terms) != 3 {
		t.Fatalf("blocklist %+v", terms)
	}
	if err := db.RemoveBlockedTerm(mod, terms[0].ID); err != nil {
		t.Fatal(err)
	}

	// Reply as the organization: published at once, approving what it answers.
	org, err := db.ReplyAsOrganization(mod, pending, "OIC", "Thank you for your comment.")
	if err != nil || !org.ByOrganization || org.Status != accord.CommentApproved || org.ParentID == nil || *org.ParentID != pending {
		t.Fatalf("reply as the organization: %+v %v", org, err)
	}
	if c, _ := db.GetComment(mod, pending); c.Status != accord.CommentApproved {
		t.Errorf("the comment replied to is %s", c.Status)
	}

	// Edit with the version read; a stale version is refused.
	c, _ := db.GetComment(mod, first)
	c.Text = "Good news for the Sahel."
	if err := db.UpdateComment(mod, c); err != nil || c.Version != 3 {
		t.Fatalf("edit: %v (version %d)", err, c.Version)
	}
	c.Version = 2
	if err := db.UpdateComment(mod, c); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale edit: %v", err)
	}

	// The public list: threaded, approved only, and without any email.
	list, n, err := db.PublicComments(ctx, w.Published.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || n != 5 || len(list[0].Replies) != 1 || list[0].Text != "Good news for the Sahel." {
		t.Errorf("public comments: %d top, %d in all, first %+v", len(list), n, list[0])
	}
	b, _ := json.Marshal(list)
	for _, email := range []string{"amina@example.org", "omar@example.net", "comms@oic-oci.org", "@"} {
		if bytes.Contains(bytes.ToLower(b), []byte(email)) {
			t.Errorf("public comments carry %q: %s", email, b)
		}
	}
	if _, _, err := db.PublicComments(ctx, w.Draft.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("comments of a draft: %v", err)
	}

	// Counts, filters, bulk moves.
	counts, _ := db.CommentCounts(mod, 0)
	if counts[accord.CommentPending] != 4 || counts[accord.CommentApproved] != 5 {
		t.Errorf("counts %v", counts)
	}
	queue, total, _ := db.ListComments(mod, accord.CommentFilter{Status: accord.CommentPending})
	if total != 4 || len(queue) != 4 || queue[0].Email != "amina@example.org" || queue[0].NewsTitle != "OIC and WHO" {
		t.Errorf("pending queue: %d %+v", total, queue)
	}
	if _, total, _ := db.ListComments(mod, accord.CommentFilter{Q: "OMAR@"}); total != 1 {
		t.Errorf("search by email: %d", total)
	}
	ids := []int64{queue[0].ID, queue[1].ID, queue[0].ID}
	if n, err := db.ModerateComments(mod, ids, accord.CommentSpam); err != nil || n != 2 {
		t.Errorf("bulk spam: %d %v", n, err)
	}
	if _, err := db.ModerateComments(mod, ids, accord.CommentPending); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("back to pending: %v", err)
	}

	// Partners, viewers and officers do not moderate, nor read the queue.
	roles := rolesCtx(t, db, MustCreateOrg(t, db, NewOrg("WHO", "WHO")).ID)
	for _, role := range []accord.Role{accord.RolePartner, accord.RoleViewer, accord.RoleOfficer} {
		ctx := roles[role]
		if _, err := db.ModerateComments(ctx, []int64{first}, accord.CommentTrash); accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s moderates: %v", role, err)
		}
		if _, _, err := db.ListComments(ctx, accord.CommentFilter{}); accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s reads the queue: %v", role, err)
		}
		if _, err := db.ReplyAsOrganization(ctx, first, "OIC", "x"); accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s replies as the organization: %v", role, err)
		}
		if _, err := db.AddBlockedTerm(ctx, "x"); accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s edits the blocklist: %v", role, err)
		}
		if err := db.SetCommentSettings(ctx, accord.CommentSettings{}); accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s changes the settings: %v", role, err)
		}
	}
	if _, err := db.ModerateComments(roles[accord.RoleAdmin], []int64{first}, accord.CommentTrash); err != nil {
		t.Errorf("admin moderates: %v", err)
	}

	// Every change is audited, and the audit log keeps no email.
	entries, total, err := db.ListAudit(Admin(), accord.AuditFilter{Entity: "comment", PerPage: 200})
	if err != nil || total < 15 {
		t.Fatalf("audit: %d entries, %v", total, err)
	}
	for _, e := range entries {
		if bytes.Contains(e.After, []byte("@")) || bytes.Contains(e.Before, []byte("@")) {
			t.Errorf("audit entry %d keeps an email: %s %s", e.ID, e.Before, e.After)
		}
	}
	if _, total, _ := db.ListAudit(Admin(), accord.AuditFilter{Entity: "comment", Action: "create", ActorID: 0}); total == 0 {
		t.Errorf("no audit of the readers' comments")
	}
}

// testCommentNotices: moderators are told once about each waiting comment,
// at most one email per gap, and claims keep two instances from both sending.
func testCommentNotices(t *testing.T, db *store.DB) {
	w := NewCommentWorld(t, db)
	admin := &accord.User{Email: "admin@oic-oci.org", Name: "Admin", Role: accord.RoleAdmin}
	viewer := &accord.User{Email: "viewer@oic-oci.org", Name: "Viewer", Role: accord.RoleViewer}
	for _, u := range []*accord.User{admin, viewer} {
		if err := db.CreateUser(Admin(), u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	w.Submit(t, db, "Amina", "amina@example.org", "First", 0)
	w.Submit(t, db, "Omar", "omar@example.org", "Second", 0)
	due, err := db.CommentNoticesDue(ctx, 0)
	if err != nil || len(due) != 2 || len(due[0].Comments) != 2 || due[0].Comments[0].NewsTitle != "OIC and WHO" {
		t.Fatalf("due: %+v %v", due, err)
	}
	for _, n := range due {
		if n.To.UserID == viewer.ID {
			t.Errorf("a viewer is told about comments")
		}
	}
	n := due[0]
	now := w.Now
	if !n.LastSentAt.IsZero() {
		t.Errorf("a moderator never told was last told at %v", n.LastSentAt)
	}
	// One notice per moderator at a time: the notice's job is held by one
	// instance, and enqueuing it again leaves it alone.
	q := jobQueue{t: t, db: db, kind: accord.JobCommentNotice, lease: accord.DigestStallTimeout}
	notice := func(at time.Time) accord.NewJob {
		return accord.NewJob{Kind: accord.JobCommentNotice, Key: fmt.Sprint(n.To.UserID), RunAfter: at,
			MaxAttempts: accord.CommentNoticeMaxAttempts, Again: true}
	}
	q.enqueue(notice(now))
	held, key := q.claimOne("a", now)
	if key != notice(now).Key {
		t.Fatalf("claimed %q", key)
	}
	if _, key := q.claimOne("b", now); key != "" || q.enqueue(notice(now)) != 0 {
		t.Errorf("a second instance claimed a held notice, or it was enqueued twice")
	}
	if err := db.MarkCommentNoticeSent(ctx, n, now); err != nil {
		t.Fatal(err)
	}
	if err := db.Ack(ctx, held.ID, "a", now); err != nil {
		t.Fatal(err)
	}
	if due, _ := db.CommentNoticesDue(ctx, n.To.UserID); len(due) != 0 {
		t.Errorf("told twice: %+v", due)
	}
	// A new comment within the gap waits for the gap to pass.
	w.Submit(t, db, "Lina", "lina@example.org", "Third", 0)
	due, _ = db.CommentNoticesDue(ctx, n.To.UserID)
	if len(due) != 1 || len(due[0].Comments) != 1 || !due[0].LastSentAt.Equal(now) || !due[0].NotBefore().Equal(now.Add(accord.CommentNoticeGap)) {
		t.Fatalf("after the notice: %+v", due)
	}
	if q.enqueue(notice(due[0].NotBefore())) != 1 {
		t.Errorf("the next notice was not enqueued once the last one was done")
	}
	if _, key := q.claimOne("b", now.Add(time.Minute)); key != "" {
		t.Errorf("claimed within the gap")
	}
	next, key := q.claimOne("b", now.Add(accord.CommentNoticeGap))
	if key == "" {
		t.Errorf("not claimable after the gap")
	}
	// A failed send is released and tried again.
	q.fail(next, "b", now.Add(accord.CommentNoticeGap), accord.CommentNoticeRetryDelay)
	if _, key := q.claimOne("c", now.Add(accord.CommentNoticeGap+accord.CommentNoticeRetryDelay)); key == "" {
		t.Errorf("not claimable after a failure")
	}
	// Moderated comments are no longer announced.
	pending, _, _ := db.ListComments(As(w.Editor), accord.CommentFilter{Status: accord.CommentPending})
	var ids []int64
	for _, c := range pending {
		ids = append(ids, c.ID)
	}
	if _, err := db.ModerateComments(As(w.Editor), ids, accord.CommentTrash); err != nil {
		t.Fatal(err)
	}
	if due, _ := db.CommentNoticesDue(ctx, 0); len(due) != 0 {
		t.Errorf("moderated comments still due: %+v", due)
	}
}

// testCommentsStamp: the stamp of an item's public comments changes when
// one is approved, edited or withdrawn, and not when one merely waits.
func testCommentsStamp(t *testing.T, db *store.DB) {
	w := NewCommentWorld(t, db)
	mod := As(w.Editor)
	stamp := func() string {
		s, err := db.PublicCommentsStamp(context.Background(), w.Published.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	empty := stamp()
	a, _ := w.Submit(t, db, "Amina", "amina@example.org", "Good news.", 0)
	if stamp() != empty {
		t.Error("a pending comment changes the stamp")
	}
	if _, err := db.ModerateComments(mod, []int64{a}, accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	approved := stamp()
	if approved == empty {
		t.Error("an approved comment leaves the stamp as it was")
	}
	b, _ := w.Submit(t, db, "Omar", "omar@example.net", "Agreed.", 0)
	if _, err := db.ModerateComments(mod, []int64{b}, accord.CommentApproved); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ModerateComments(mod, []int64{a}, accord.CommentTrash); err != nil {
		t.Fatal(err)
	}
	if s := stamp(); s == approved {
		t.Error("one comment withdrawn as another is approved leaves the stamp as it was")
	}
}
