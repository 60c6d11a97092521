package accord

import (
	"context"
	"slices"
	"strings"
	"time"
)

// AgreementKinds are the kinds of agreement.
var AgreementKinds = []string{"mou", "cooperation_agreement", "framework_of_engagement", "work_plan", "letter_of_intent",
	"exchange_of_letters", "funding_agreement"}

// Agreement statuses: draft → negotiation → clearance → signed → active →
// expired | terminated | superseded, and active ⇄ suspended.
const (
	AgDraft       = "draft"
	AgNegotiation = "negotiation"
	AgClearance   = "clearance"
	AgSigned      = "signed"
	AgActive      = "active"
	AgSuspended   = "suspended"
	AgExpired     = "expired"
	AgTerminated  = "terminated"
	AgSuperseded  = "superseded"
)

// AgreementStatuses lists the statuses in order.
var AgreementStatuses = []string{AgDraft, AgNegotiation, AgClearance, AgSigned, AgActive, AgSuspended, AgExpired, AgTerminated, AgSuperseded}

// agreementMoves are the allowed transitions. A text may go back a step
// before signature (clearance returns it to negotiation); after signature
// it only moves forward, except for suspension.
var agreementMoves = map[string][]string{
	AgDraft:       {AgNegotiation},
	AgNegotiation: {AgDraft, AgClearance},
	AgClearance:   {AgNegotiation, AgSigned},
	AgSigned:      {AgActive},
	AgActive:      {AgSuspended, AgExpired, AgTerminated, AgSuperseded},
	AgSuspended:   {AgActive, AgTerminated},
}

// SignedStatus reports whether an agreement in status has been signed:
// every status from signed on. Before it (draft, negotiation, clearance)
// the text is still being written: it is edited, not amended, and nothing
// is carried out under it yet.
func SignedStatus(status string) bool {
	switch status {
	case AgDraft, AgNegotiation, AgClearance:
		return false
	}
	return true
}

// InForceStatus reports whether an agreement in status binds its parties
// now (signed, active or suspended): only such an agreement is amended.
func InForceStatus(status string) bool {
	switch status {
	case AgSigned, AgActive, AgSuspended:
		return true
	}
	return false
}

// Signed reports whether the agreement has been signed (SignedStatus).
func (a *Agreement) Signed() bool { return SignedStatus(a.Status) }

// Agreement is an MoU, cooperation agreement, framework, work plan, letter
// of intent, exchange of letters or funding agreement between organizations.
type Agreement struct {
	ID                int64            `json:"id"`
	Version           int              `json:"version"`
	Kind              string           `json:"kind"`
	Title             string           `json:"title"`
	Status            string           `json:"status"`
	Summary           string           `json:"summary"`
	EngagementID      *int64           `json:"engagement_id"` // the engagement it came from
	Parties           []AgreementParty `json:"parties"`
	EffectiveDate     Date             `json:"effective_date"`
	ExpiryDate        Date             `json:"expiry_date"`
	NoticeDays        int              `json:"notice_days"`
	AutoRenewal       bool             `json:"auto_renewal"`
	TerminatedOn      Date             `json:"terminated_on"`
	TerminationReason string           `json:"termination_reason"`
	SupersededBy      *int64           `json:"superseded_by"`
	Amendments        []Amendment      `json:"amendments"`
	CreatedAt         time.Time        `json:"created_at"`
	UpdatedAt         time.Time        `json:"updated_at"`
}

// AgreementParty is an organization bound by the agreement, with who signed for it and when.
type AgreementParty struct {
	OrgID     int64  `json:"org_id"`
	OrgName   string `json:"org_name,omitempty"` // filled on read
	Signatory string `json:"signatory"`          // name and title of who signed
	SignedOn  Date   `json:"signed_on"`
}

// Amendment is a numbered change to a signed text: what changed and why.
type Amendment struct {
	Number    int    `json:"number"`
	Date      Date   `json:"date"`
	Changes   string `json:"changes"`
	Reason    string `json:"reason"`
	CreatedBy string `json:"created_by,omitempty"`
}

// Validate checks the fields of an agreement against the rules that hold in
// every status; today is the day "never in the future" is judged against.
func (a *Agreement) Validate(today time.Time) error {
	var p Problems
	a.Title, a.Summary = strings.TrimSpace(a.Title), strings.TrimSpace(a.Summary)
	if a.Status == "" {
		a.Status = AgDraft
	}
	day := Date(today.Format(time.DateOnly))
	if !slices.Contains(AgreementKinds, a.Kind) {
		p.Add("kind", "must be one of %s", strings.Join(AgreementKinds, ", "))
	}
	checkText(&p, "title", a.Title, true, 300)
	checkText(&p, "summary", a.Summary, false, 20000)
	if len(a.Parties) < 2 {
		p.Add("parties", "an agreement needs two or more parties")
	}
	seen := map[int64]bool{}
	for i := range a.Parties {
		pt := &a.Parties[i]
		pt.Signatory = strings.TrimSpace(pt.Signatory)
		if pt.OrgID <= 0 {
			p.Add(indexed("parties", i, "org_id"), "is required")
		} else if seen[pt.OrgID] {
			p.Add(indexed("parties", i, "org_id"), "is already a party")
		}
		seen[pt.OrgID] = true
		checkText(&p, indexed("parties", i, "signatory"), pt.Signatory, false, 300)
		switch {
		case pt.SignedOn == "":
		case !pt.SignedOn.Valid():
			p.Add(indexed("parties", i, "signed_on"), "must be a date YYYY-MM-DD")
		case pt.SignedOn > day:
			p.Add(indexed("parties", i, "signed_on"), "a signature date cannot be in the future")
		}
	}
	for _, d := range []struct {
		field string
		v     Date
	}{{"effective_date", a.EffectiveDate}, {"expiry_date", a.ExpiryDate}, {"terminated_on", a.TerminatedOn}} {
		if d.v != "" && !d.v.Valid() {
			p.Add(d.field, "must be a date YYYY-MM-DD")
		}
	}
	if a.EffectiveDate != "" && a.ExpiryDate != "" && a.ExpiryDate < a.EffectiveDate {
		p.Add("expiry_date", "is before the effective date")
	}
	if a.NoticeDays < 0 || a.NoticeDays > 3650 {
		p.Add("notice_days", "must be between 0 and 3650 days")
	}
	return p.Err()
}

// AllSigned reports whether every party has a signature date.
func (a *Agreement) AllSigned() bool {
	for _, pt := range a.Parties {
		if pt.SignedOn == "" {
			return false
		}
	}
	return len(a.Parties) >= 2
}

// StatusChange is a request to move an agreement to a new status.
type StatusChange struct {
	To           string `json:"status"`
	Date         Date   `json:"date"`   // termination date
	Reason       string `json:"reason"` // termination or suspension reason
	SupersededBy *int64 `json:"superseded_by"`
}

// Transition moves the agreement to c.To if the rules allow, naming the rule when not.
func (a *Agreement) Transition(c StatusChange, today time.Time) error {
	var p Problems
	day := Date(today.Format(time.DateOnly))
	c.Reason = strings.TrimSpace(c.Reason)
	switch {
	case !slices.Contains(AgreementStatuses, c.To):
		p.Add("status", "must be one of %s", strings.Join(AgreementStatuses, ", "))
	case !slices.Contains(agreementMoves[a.Status], c.To):
		p.Add("status", "an agreement that is %s cannot become %s (allowed: %s)", a.Status, c.To, movesText(agreementMoves[a.Status]))
	case c.To == AgSigned && !a.AllSigned():
		p.Add("parties", "signed needs every party's signature date; %s", unsigned(a))
	case c.To == AgTerminated && c.Reason == "":
		p.Add("reason", "terminated needs the reason")
	case c.To == AgTerminated && (c.Date == "" || !c.Date.Valid()):
		p.Add("date", "terminated needs the date of termination (YYYY-MM-DD)")
	case c.To == AgTerminated && c.Date > day:
		p.Add("date", "the termination date cannot be in the future")
	case c.To == AgExpired && (a.ExpiryDate == "" || a.ExpiryDate >= day):
		p.Add("status", "expired needs an expiry date that has passed")
	case c.To == AgSuperseded && (c.SupersededBy == nil || *c.SupersededBy == a.ID):
		p.Add("superseded_by", "superseded needs the agreement that replaces it")
	}
	if err := p.Err(); err != nil {
		return err
	}
	a.Status = c.To
	switch c.To {
	case AgTerminated:
		a.TerminatedOn, a.TerminationReason = c.Date, c.Reason
	case AgSuperseded:
		a.SupersededBy = c.SupersededBy
	}
	return nil
}

func unsigned(a *Agreement) string {
	if len(a.Parties) < 2 {
		return "it has fewer than two parties"
	}
	var names []string
	for _, pt := range a.Parties {
		if pt.SignedOn == "" {
			name := pt.OrgName
			if name == "" {
				name = "party " + itoa64(pt.OrgID)
			}
			names = append(names, name)
		}
	}
	return "not yet signed by " + strings.Join(names, ", ")
}

// Moves lists the statuses the agreement may move to now.
func (a *Agreement) Moves() []string { return agreementMoves[a.Status] }

// Validate checks an amendment.
func (m *Amendment) Validate(today time.Time) error {
	var p Problems
	m.Changes, m.Reason = strings.TrimSpace(m.Changes), strings.TrimSpace(m.Reason)
	switch {
	case m.Date == "" || !m.Date.Valid():
		p.Add("date", "must be a date YYYY-MM-DD")
	case m.Date > Date(today.Format(time.DateOnly)):
		p.Add("date", "an amendment cannot be dated in the future")
	}
	checkText(&p, "changes", m.Changes, true, 5000)
	checkText(&p, "reason", m.Reason, true, 5000)
	return p.Err()
}

// AgreementFilter narrows a list of agreements.
type AgreementFilter struct {
	Q            string
	Kind         string
	Status       string
	OrgID        int64
	EngagementID int64
	ExpiringDays int // active agreements expiring within this many days
	Page         int
	PerPage      int
	Unlimited    bool
	NoCount      bool // the total is not wanted: leave it 0 and save counting
}

// AgreementService stores agreements. Dates that cannot be in the future
// are judged against the service's own clock.
type AgreementService interface {
	ListAgreements(ctx context.Context, f AgreementFilter) ([]*Agreement, int, error)
	GetAgreement(ctx context.Context, id int64) (*Agreement, error)
	CreateAgreement(ctx context.Context, a *Agreement) error
	UpdateAgreement(ctx context.Context, a *Agreement) error
	TransitionAgreement(ctx context.Context, id int64, version int, c StatusChange) (*Agreement, error)
	AmendAgreement(ctx context.Context, id int64, version int, m Amendment) (*Agreement, error)
	// History lists the audit entries of a record the actor may see.
	AgreementHistory(ctx context.Context, id int64) ([]*AuditEntry, error)
}
