package accord

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Comment statuses. A comment waits as pending until a moderator approves
// it, or marks it spam or trash; only approved comments are public.
const (
	CommentPending  = "pending"
	CommentApproved = "approved"
	CommentSpam     = "spam"
	CommentTrash    = "trash"
)

// CommentStatuses lists the statuses of a comment, the queue's order.
var CommentStatuses = []string{CommentPending, CommentApproved, CommentSpam, CommentTrash}

// Limits of a comment, shown to the commenter with the problem they cause.
const (
	CommentMaxName    = 80
	CommentMaxEmail   = 254
	CommentMaxWebsite = 200
	CommentMaxText    = 3000
	CommentMaxLinks   = 2
)

// Comment is a reader's comment as the public sees it. It has no email
// field on purpose: public pages, feeds and the public API read this type,
// so a commenter's email cannot reach them. Replies are one level deep.
type Comment struct {
	ID             int64      `json:"id"`
	NewsID         int64      `json:"news_id"`
	ParentID       *int64     `json:"parent_id"`
	Name           string     `json:"name"`
	Website        string     `json:"website"`
	Text           string     `json:"text"`
	Lang           string     `json:"lang"`
	ByOrganization bool       `json:"by_organization"` // a reply written by the organization's staff
	CreatedAt      time.Time  `json:"created_at"`
	Replies        []*Comment `json:"replies,omitempty"`
	UpdatedAt      time.Time  `json:"-"` // for validators of public pages
}

// CommentRecord is a comment as moderators see it: with the commenter's
// email and address, which only moderation queries read.
type CommentRecord struct {
	ID             int64     `json:"id"`
	Version        int       `json:"version"`
	NewsID         int64     `json:"news_id"`
	NewsTitle      string    `json:"news_title"`
	NewsSlug       string    `json:"news_slug"`
	ParentID       *int64    `json:"parent_id"`
	Status         string    `json:"status"`
	Name           string    `json:"name"`
	Email          string    `json:"email"`
	Website        string    `json:"website"`
	Text           string    `json:"text"`
	Lang           string    `json:"lang"`
	ByOrganization bool      `json:"by_organization"`
	IP             string    `json:"ip"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// CommentSubmission is what a reader sends with the comment form.
type CommentSubmission struct {
	NewsID    int64
	ParentID  *int64
	Name      string
	Email     string
	Website   string
	Text      string
	Lang      string
	IP        string
	UserAgent string
}

// Validate trims the submission and checks its fields and limits.
func (c *CommentSubmission) Validate() error {
	var p Problems
	c.Name = strings.TrimSpace(c.Name)
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	c.Website = strings.TrimSpace(c.Website)
	c.Text = strings.TrimSpace(strings.ReplaceAll(c.Text, "\r\n", "\n"))
	checkText(&p, "name", c.Name, true, CommentMaxName)
	if strings.ContainsAny(c.Name, "\n\r\t") {
		p.Add("name", "must be on one line")
	}
	switch {
	case c.Email == "":
		p.Add("email", "is required")
	case len(c.Email) > CommentMaxEmail || !emailOK(c.Email):
		p.Add("email", "must be an email address such as name@example.org")
	}
	if utf8.RuneCountInString(c.Website) > CommentMaxWebsite {
		p.Add("website", "is too long (%d characters; at most %d)", utf8.RuneCountInString(c.Website), CommentMaxWebsite)
	} else {
		checkURL(&p, "website", c.Website)
	}
	checkText(&p, "text", c.Text, true, CommentMaxText)
	if n := countLinks(c.Text); n > CommentMaxLinks {
		p.Add("text", "has %d links; at most %d are allowed", n, CommentMaxLinks)
	}
	if c.Lang != "" && !SupportedLanguage(c.Lang) {
		c.Lang = ""
	}
	return p.Err()
}

// emailOK reports whether s is a bare address with a dotted domain.
func emailOK(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.ContainsAny(s, " <>")
}

// countLinks counts what reads as a web address in text: http://, https://
// and www. openings.
func countLinks(text string) int {
	t := strings.ToLower(text)
	return strings.Count(t, "http://") + strings.Count(t, "https://") + strings.Count(t, "www.")
}

// BlockedTerm is an entry of the comment blocklist: a word, or an address
// (an email address, a domain or an IP address, or the start of one).
type BlockedTerm struct {
	ID        int64     `json:"id"`
	Term      string    `json:"term"`
	CreatedAt time.Time `json:"created_at"`
}

// IsAddress reports whether the term names an address rather than a word:
// it holds "@", "." or ":".
func (b BlockedTerm) IsAddress() bool { return strings.ContainsAny(b.Term, "@.:") }

// NormalizeBlockedTerm trims and lower-cases a term and checks it.
func NormalizeBlockedTerm(term string) (string, error) {
	term = strings.ToLower(strings.TrimSpace(term))
	var p Problems
	checkText(&p, "term", term, true, 200)
	if strings.ContainsAny(term, "\n\r\t") {
		p.Add("term", "must be on one line")
	}
	return term, p.Err()
}

// Blocked returns the first term of the blocklist the submission hits.
// Addresses are looked for in the email, the website, the text and the
// sender's IP address; words, as whole words of the name, website and text,
// ignoring case and accents.
func (c *CommentSubmission) Blocked(terms []BlockedTerm) (BlockedTerm, bool) {
	addressed := strings.ToLower(c.Email + " " + c.Website + " " + c.Text + " " + c.IP)
	words := " " + strings.Join(strings.FieldsFunc(Fold(c.Name+" "+c.Website+" "+c.Text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
	for _, b := range terms {
		if b.IsAddress() {
			if strings.Contains(addressed, b.Term) {
				return b, true
			}
			continue
		}
		w := strings.Join(strings.FieldsFunc(Fold(b.Term), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
		if w != "" && strings.Contains(words, " "+w+" ") {
			return b, true
		}
	}
	return BlockedTerm{}, false
}

// CommentSettings are the moderation settings, kept in the database's
// settings table and changed by editors and administrators.
type CommentSettings struct {
	// AutoApproveKnown publishes at once the comment of someone (by email)
	// who already has an approved comment; first-time commenters always wait.
	AutoApproveKnown bool `json:"auto_approve_known"`
}

// CommentFilter narrows the moderation queue.
type CommentFilter struct {
	Status  string
	NewsID  int64
	Q       string // name, email, website or text
	Page    int
	PerPage int
}

// PendingComment is one line of a moderator's notice.
type PendingComment struct {
	ID        int64
	NewsTitle string
	Name      string
	Text      string
	CreatedAt time.Time
}

// CommentNotice tells one moderator which comments wait for moderation.
type CommentNotice struct {
	To       Recipient
	Comments []PendingComment
	// LastSentAt is when the moderator was last told about comments; zero
	// when never.
	LastSentAt time.Time
}

// CommentNoticeGap is the least time between two notices to one moderator,
// so that a flood of comments sends one email, not one per comment.
const CommentNoticeGap = 30 * time.Minute

// NotBefore is the earliest time the notice may go: CommentNoticeGap after
// the last one.
func (n CommentNotice) NotBefore() time.Time {
	if n.LastSentAt.IsZero() {
		return time.Time{}
	}
	return n.LastSentAt.Add(CommentNoticeGap)
}

// A moderator's notice that fails is tried again every
// CommentNoticeRetryDelay, CommentNoticeMaxAttempts times; comments that
// still wait then start another round.
const (
	CommentNoticeRetryDelay  = time.Minute
	CommentNoticeMaxAttempts = 5
)

// CommentService stores comments. Submitting and reading the public
// comments need no actor; everything else is for moderators (editors and
// administrators).
type CommentService interface {
	// SubmitComment stores a reader's comment and returns its status:
	// pending, or approved when the settings allow it for a known commenter.
	SubmitComment(ctx context.Context, c *CommentSubmission) (id int64, status string, err error)
	// PublicComments lists the approved comments of a public news item,
	// threaded, oldest first, and how many there are (replies included).
	PublicComments(ctx context.Context, newsID int64) ([]*Comment, int, error)
	// PublicCommentsStamp changes whenever the approved comments of an
	// item do (one is approved, edited or withdrawn), and costs far less
	// than reading them: for the validators of the item's public page.
	PublicCommentsStamp(ctx context.Context, newsID int64) (string, error)

	ListComments(ctx context.Context, f CommentFilter) ([]*CommentRecord, int, error)
	// CommentCounts counts comments per status, for the queue's tabs.
	CommentCounts(ctx context.Context, newsID int64) (map[string]int, error)
	GetComment(ctx context.Context, id int64) (*CommentRecord, error)
	// ModerateComments moves comments to approved, spam or trash and reports how many changed.
	ModerateComments(ctx context.Context, ids []int64, status string) (int, error)
	// UpdateComment saves a moderator's edit of name, website and text.
	UpdateComment(ctx context.Context, c *CommentRecord) error
	// ReplyAsOrganization publishes a reply by the organization under a
	// comment (under its top comment when it is itself a reply).
	ReplyAsOrganization(ctx context.Context, parentID int64, name, text string) (*CommentRecord, error)

	Blocklist(ctx context.Context) ([]BlockedTerm, error)
	AddBlockedTerm(ctx context.Context, term string) (*BlockedTerm, error)
	RemoveBlockedTerm(ctx context.Context, id int64) error
	CommentSettings(ctx context.Context) (CommentSettings, error)
	SetCommentSettings(ctx context.Context, s CommentSettings) error
}

// CommentNoticeService is the moderator-notice job's store; it needs no
// actor. The notices themselves are jobs in the queue (JobCommentNotice),
// one per moderator at a time.
type CommentNoticeService interface {
	// CommentNoticesDue lists, per moderator (of userID, or all when 0), the
	// pending comments they were not told about yet.
	CommentNoticesDue(ctx context.Context, userID int64) ([]CommentNotice, error)
	// MarkCommentNoticeSent records the notice's comments as told to the
	// moderator at now, in one transaction.
	MarkCommentNoticeSent(ctx context.Context, n CommentNotice, now time.Time) error
}

// CanModerate reports whether the actor moderates comments: editors and administrators.
func (a Actor) CanModerate() bool { return a.CanEditNews() }

// RequireModerator returns the actor of ctx if it moderates comments, else an error.
func RequireModerator(ctx context.Context) (Actor, error) {
	a, err := RequireActor(ctx)
	if err == nil && !a.CanModerate() {
		err = Errorf(EFORBIDDEN, "Only editors and administrators moderate comments (your role is %s).", a.Role)
	}
	return a, err
}

// ModerationTarget checks a status a moderator may move a comment to.
func ModerationTarget(status string) error {
	if !slices.Contains([]string{CommentApproved, CommentSpam, CommentTrash}, status) {
		return &Error{Code: EINVALID, Message: "A comment can be approved, or marked spam or trash.",
			Fields: []FieldError{{Field: "status", Message: "must be one of approved, spam, trash"}}}
	}
	return nil
}
