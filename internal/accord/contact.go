package accord

import (
	"context"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Contact message statuses, as staff move a message through the inbox.
const (
	ContactNew        = "new"
	ContactInProgress = "in_progress"
	ContactAnswered   = "answered"
	ContactClosed     = "closed"
)

// ContactStatuses lists the statuses of a contact message in inbox order.
var ContactStatuses = []string{ContactNew, ContactInProgress, ContactAnswered, ContactClosed}

// ContactCategories are what a sender may say their message is.
var ContactCategories = []string{"news_tip", "article_submission", "partnership_inquiry", "other"}

// Acknowledgement states: the sender's receipt is pending until the mail
// server accepts it, and failed once Accord gives up retrying.
const (
	AckPending = "pending"
	AckSent    = "sent"
	AckFailed  = "failed"
)

// Limits of the public contact form.
const (
	ContactMaxMessage = 5000 // characters
	ContactMaxLinks   = 3    // web addresses in the message
	ContactMaxBytes   = 5 << 20
)

// ContactMessage is what a member of the public sent through the contact
// form. The sender's email is for staff only: no public page or API
// answer without a staff token ever carries it.
type ContactMessage struct {
	ID           int64         `json:"id"`
	Version      int           `json:"version"`
	Name         string        `json:"name"`
	Email        string        `json:"email"`
	Category     string        `json:"category"`
	Message      string        `json:"message"`
	Lang         string        `json:"lang"` // the language of the form, for the acknowledgement
	Status       string        `json:"status"`
	AssigneeID   *int64        `json:"assignee_id"`
	AssigneeName string        `json:"assignee_name,omitempty"`
	Attachment   *Attachment   `json:"attachment,omitempty"`
	AckState     string        `json:"ack_state"`
	AckAttempts  int           `json:"ack_attempts"`
	AckSentAt    *time.Time    `json:"ack_sent_at"`
	Notes        []ContactNote `json:"notes,omitempty"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// ContactNote is a staff member's internal note on a message; the sender never sees it.
type ContactNote struct {
	ID         int64     `json:"id"`
	AuthorID   *int64    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Text       string    `json:"text"`
	CreatedAt  time.Time `json:"created_at"`
}

// CountLinks counts the web addresses in a text, as spam filters do.
func CountLinks(s string) int {
	s = strings.ToLower(s)
	return strings.Count(s, "http://") + strings.Count(s, "https://") + strings.Count(s, "www.")
}

// Validate checks a message as the public sent it.
func (m *ContactMessage) Validate() error {
	var p Problems
	m.Name, m.Email, m.Category = strings.TrimSpace(m.Name), strings.TrimSpace(m.Email), strings.TrimSpace(m.Category)
	m.Message = strings.TrimSpace(strings.ReplaceAll(m.Message, "\r\n", "\n"))
	checkText(&p, "name", m.Name, true, 200)
	if m.Name != "" && CountLinks(m.Name) > 0 {
		p.Add("name", "may not contain a web address")
	}
	if strings.ContainsAny(m.Name, "\r\n") {
		p.Add("name", "must be on one line")
	}
	switch a, err := mail.ParseAddress(m.Email); {
	case m.Email == "":
		p.Add("email", "is required")
	case len(m.Email) > 254 || err != nil || a.Address != m.Email || !strings.Contains(m.Email[strings.LastIndex(m.Email, "@")+1:], "."):
		p.Add("email", "is not a valid email address")
	}
	if !slices.Contains(ContactCategories, m.Category) {
		p.Add("category", "must be one of %s", strings.Join(ContactCategories, ", "))
	}
	checkText(&p, "message", m.Message, true, ContactMaxMessage)
	if n := CountLinks(m.Message); n > ContactMaxLinks {
		p.Add("message", "holds %d web addresses; at most %d are accepted", n, ContactMaxLinks)
	}
	if !SupportedLanguage(m.Lang) {
		m.Lang = Languages[0]
	}
	return p.Err()
}

// ContactFilter narrows the inbox.
type ContactFilter struct {
	Status     string
	AssigneeID int64
	Q          string
	Page       int
	PerPage    int
}

// ContactChange is what staff change on a message: its status and who handles it.
type ContactChange struct {
	Version    int
	Status     string
	AssigneeID *int64
}

// ContactService stores contact messages. SubmitContact is public and needs
// no actor; the rest is for the inbox's staff (editors, officers and
// administrators) and for the acknowledgement job (the system).
type ContactService interface {
	// SubmitContact saves a message from the public form, with an optional
	// attachment stored like documents, and queues its acknowledgement.
	SubmitContact(ctx context.Context, m *ContactMessage, a *Attachment, data []byte) error
	ListContact(ctx context.Context, f ContactFilter) ([]*ContactMessage, int, error)
	// ContactCounts counts messages per status.
	ContactCounts(ctx context.Context) (map[string]int, error)
	GetContact(ctx context.Context, id int64) (*ContactMessage, error)
	UpdateContact(ctx context.Context, id int64, c ContactChange) (*ContactMessage, error)
	AddContactNote(ctx context.Context, id int64, text string) (*ContactNote, error)
	// ContactAttachment returns a message's attachment and its content, to staff.
	ContactAttachment(ctx context.Context, id int64) (*Attachment, []byte, error)
	// ContactAssignees lists the active users a message may be assigned to.
	ContactAssignees(ctx context.Context) ([]*User, error)
	// FormKey returns the site's key for signing public forms, made on first use.
	FormKey(ctx context.Context) ([]byte, error)

	// RecordContactAck records the outcome of attempt (1-based) at a
	// pending acknowledgement: sent when sendErr is empty, else still
	// pending, or failed when it was the last attempt. The attempts
	// themselves are jobs in the queue (JobContactAck), which SubmitContact
	// enqueues.
	RecordContactAck(ctx context.Context, id int64, attempt int, sendErr string, last bool, now time.Time) error
}

// CanHandleContact reports whether the actor works the contact inbox:
// editors (communications), officers (partnership inquiries) and administrators.
func (a Actor) CanHandleContact() bool {
	return a.Role == RoleAdmin || a.Role == RoleEditor || a.Role == RoleOfficer
}

// RequireContactStaff returns the actor of ctx if it works the contact inbox, else an error.
func RequireContactStaff(ctx context.Context) (Actor, error) {
	a, err := RequireActor(ctx)
	if err == nil && !a.CanHandleContact() && !a.System {
		err = Errorf(EFORBIDDEN, "Only editors, officers and administrators read the contact inbox (your role is %s).", a.Role)
	}
	return a, err
}

// ContactFormActor signs the audit entry of a message the public sent.
var ContactFormActor = Actor{Email: "public contact form"}

// ackRetryDelays are the waits after each failed attempt to send an
// acknowledgement.
var ackRetryDelays = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour, 24 * time.Hour}

// AckMaxAttempts is how many times an acknowledgement is tried: once, and
// once after each of the retry delays.
const AckMaxAttempts = 7

// AckRetryDelay is how long to wait after the nth failed attempt (1-based)
// to send an acknowledgement; after the last one Accord gives up.
func AckRetryDelay(attempt int) (time.Duration, bool) {
	if attempt < 1 || attempt > len(ackRetryDelays) {
		return 0, false
	}
	return ackRetryDelays[attempt-1], true
}

// ContactAckJob is the job that acknowledges contact message id, due at now.
func ContactAckJob(id int64, now time.Time) NewJob {
	return NewJob{Kind: JobContactAck, Key: strconv.FormatInt(id, 10), RunAfter: now, MaxAttempts: AckMaxAttempts}
}
