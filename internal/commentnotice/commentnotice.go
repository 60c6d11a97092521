// Package commentnotice emails moderators (editors and administrators) when
// readers' comments wait for moderation. Several Accord instances may run
// it on one database: each moderator's notice is claimed in the database
// before it is sent, the comments it announces are recorded in the
// transaction that closes the claim, and a moderator gets at most one
// notice per accord.CommentNoticeGap, however many comments arrive.
package commentnotice

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/mail"
)

// Sender delivers one email; *mail.Sender is one.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Runner sends the notices due.
type Runner struct {
	store    accord.CommentNoticeService
	sender   Sender
	clock    func() time.Time
	instance string
	logger   *slog.Logger
}

// NewRunner returns a runner claiming notices as instance, a name unique
// to this process among those sharing the database.
func NewRunner(store accord.CommentNoticeService, sender Sender, clock func() time.Time, instance string, logger *slog.Logger) *Runner {
	return &Runner{store: store, sender: sender, clock: clock, instance: instance, logger: logger}
}

// Run ticks at once, then every interval, until ctx ends.
func (r *Runner) Run(ctx context.Context, interval time.Duration) {
	mail.Loop(ctx, interval, nil, r.logger, "comment notices", r.Tick)
}

// Tick sends the notices due now and reports how many went out.
func (r *Runner) Tick(ctx context.Context) (int, error) {
	due, err := r.store.CommentNoticesDue(ctx, 0)
	if err != nil {
		return 0, fmt.Errorf("comment notices due: %w", err)
	}
	sent := 0
	var errs []error
	for _, n := range due {
		if ctx.Err() != nil {
			break
		}
		ok, err := r.send(ctx, n.To.UserID)
		if err != nil {
			errs = append(errs, fmt.Errorf("notice to user %d: %w", n.To.UserID, err))
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// send claims a moderator's notice, reads what is due once the claim is
// held (another instance may just have told them), sends and records it.
func (r *Runner) send(ctx context.Context, userID int64) (bool, error) {
	now := r.clock().UTC()
	claimed, err := r.store.ClaimCommentNotice(ctx, userID, r.instance, now)
	if err != nil || !claimed {
		return false, err
	}
	due, err := r.store.CommentNoticesDue(ctx, userID)
	if err == nil && len(due) > 0 {
		// Shutdown cuts the send short (it is retried after the restart),
		// never the record of what happened: a notice sent must be recorded.
		sendCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		err = r.sender.Send(sendCtx, Render(due[0]))
		cancel()
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err == nil && len(due) == 0 {
		return false, r.store.ReleaseCommentNotice(ctx, userID, r.instance, "", now)
	}
	if err != nil {
		r.logger.Warn("comment notice not sent; it will be retried", "user_id", userID, "err", err)
		return false, errors.Join(err, r.store.ReleaseCommentNotice(ctx, userID, r.instance, err.Error(), r.clock().UTC()))
	}
	if err := r.store.MarkCommentNoticeSent(ctx, due[0], r.instance, r.clock().UTC()); err != nil {
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
