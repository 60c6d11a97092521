// Package commentnotice emails moderators (editors and administrators) when
// readers' comments wait for moderation. Each moderator's next notice is a
// job in the database's queue (accord.JobCommentNotice), one at a time
// however many Accord instances find it due; the instance that claims it
// reads the comments waiting when it runs, sends them and records them as
// told, and a moderator gets at most one notice per accord.CommentNoticeGap,
// however many comments arrive.
package commentnotice

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/jobs"
	"github.com/accordhq/accord/internal/mail"
)

// Sender delivers one email; *mail.Sender is one.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Notices is the moderator-notice job: it finds the moderators with
// comments they were not told about and sends each a notice, once the gap
// since their last one has passed.
func Notices(store accord.CommentNoticeService, sender Sender) jobs.Kind {
	n := notices{store: store, sender: sender}
	return jobs.Kind{Name: accord.JobCommentNotice, Due: n.due, Handle: n.send,
		Timeout: mail.SendTimeout, Lease: accord.DigestStallTimeout,
		Backoff: func(int) time.Duration { return accord.CommentNoticeRetryDelay }}
}

type notices struct {
	store  accord.CommentNoticeService
	sender Sender
}

// due enqueues a notice for each moderator with comments they were not told
// about, to go once the gap since their last notice has passed. A
// moderator's notice has one key, queued anew after each notice ends, so
// that one is under way at a time.
func (n notices) due(ctx context.Context, now time.Time) ([]accord.NewJob, error) {
	due, err := n.store.CommentNoticesDue(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []accord.NewJob
	for _, notice := range due {
		out = append(out, accord.NewJob{Kind: accord.JobCommentNotice, Key: strconv.FormatInt(notice.To.UserID, 10),
			RunAfter: later(now, notice.NotBefore()), MaxAttempts: accord.CommentNoticeMaxAttempts, Again: true})
	}
	return out, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// send reads what is due for the moderator once the job is held (another
// instance may just have told them), sends and records it.
func (n notices) send(ctx context.Context, j accord.Job, now time.Time) (bool, error) {
	userID, err := strconv.ParseInt(j.Key, 10, 64)
	if err != nil {
		return false, fmt.Errorf("notice key %q: want a user id", j.Key)
	}
	due, err := n.store.CommentNoticesDue(ctx, userID)
	if err != nil || len(due) == 0 {
		return false, err
	}
	if now.Before(due[0].NotBefore()) {
		// Told meanwhile: the next round enqueues it for after the gap.
		return false, nil
	}
	if err := n.sender.Send(ctx, Render(due[0])); err != nil {
		return false, err
	}
	recordCtx, cancel := jobs.RecordContext(ctx)
	defer cancel()
	if err := n.store.MarkCommentNoticeSent(recordCtx, due[0], now); err != nil {
		return true, fmt.Errorf("sent but not recorded (it may be sent again): %w", err)
	}
	return true, nil
}

type noticeText struct {
	Subject  string // %d: how many
	Greeting string // %s: the name
	Intro    string
	On       string // %s: the news title
	Open     string
	Footer   string
}

// texts live here rather than in the UI's catalogs because only mail uses them.
var texts = map[string]noticeText{
	"en": {Subject: "Accord: comments waiting for moderation (%d)", Greeting: "Hello %s,", Intro: "These readers' comments wait for moderation:",
		On: "on “%s”", Open: "Moderate them in Accord under /app/comments.",
		Footer: "Accord sends such a notice at most every 30 minutes, and only when new comments wait."},
	"fr": {Subject: "Accord : commentaires en attente de modération (%d)", Greeting: "Bonjour %s,", Intro: "Ces commentaires de lecteurs attendent la modération :",
		On: "sur « %s »", Open: "Modérez-les dans Accord sous /app/comments.",
		Footer: "Accord envoie un tel avis au plus toutes les 30 minutes, et seulement lorsque de nouveaux commentaires attendent."},
	"ar": {Subject: "Accord: تعليقات بانتظار الإشراف (%d)", Greeting: "مرحبًا %s،", Intro: "تنتظر تعليقات القرّاء هذه الإشراف:",
		On: "على «%s»", Open: "راجعها في Accord عبر /app/comments.",
		Footer: "يرسل Accord مثل هذا الإشعار مرة كل 30 دقيقة على الأكثر، وفقط عند وجود تعليقات جديدة بانتظار الإشراف."},
}

// Render writes a notice in the moderator's language, in plain text.
func Render(n accord.CommentNotice) mail.Message {
	t, ok := texts[n.To.Language]
	if !ok {
		t = texts["en"]
	}
	var b strings.Builder
	fmt.Fprintf(&b, t.Greeting+"\n\n%s\n\n", n.To.Name, t.Intro)
	for _, c := range n.Comments {
		fmt.Fprintf(&b, "- %s, "+t.On+":\n  %s\n", c.Name, c.NewsTitle, excerpt(c.Text, 200))
	}
	fmt.Fprintf(&b, "\n%s\n\n%s\n", t.Open, t.Footer)
	to := n.To.Email
	if n.To.Name != "" {
		to = fmt.Sprintf("%q <%s>", n.To.Name, n.To.Email)
	}
	return mail.Message{To: to, Subject: fmt.Sprintf(t.Subject, len(n.Comments)), Text: b.String()}
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
