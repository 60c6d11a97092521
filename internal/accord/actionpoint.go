package accord

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Action point statuses: open → in_progress → done | dropped.
const (
	APOpen       = "open"
	APInProgress = "in_progress"
	APDone       = "done"
	APDropped    = "dropped"
)

// ActionPointStatuses lists the statuses in their order.
var ActionPointStatuses = []string{APOpen, APInProgress, APDone, APDropped}

// actionPointMoves are the allowed transitions. Work may be finished or
// given up without having been started; a finished or dropped point is
// closed for good (a new point is agreed instead).
var actionPointMoves = map[string][]string{
	APOpen:       {APInProgress, APDone, APDropped},
	APInProgress: {APOpen, APDone, APDropped},
}

// Priorities of action points.
var Priorities = []string{"low", "normal", "high"}

// ActionPoint is something agreed at an engagement: "agreed to develop a new MoU".
type ActionPoint struct {
	ID              int64           `json:"id"`
	Version         int             `json:"version"`
	EngagementID    int64           `json:"engagement_id"`
	EngagementTitle string          `json:"engagement_title,omitempty"` // filled on read
	Text            string          `json:"text"`
	OwnerID         *int64          `json:"owner_id"` // the user who follows it up
	OwnerName       string          `json:"owner_name,omitempty"`
	Parties         []EngagementOrg `json:"parties"`
	DueDate         Date            `json:"due_date"`
	Priority        string          `json:"priority"`
	Status          string          `json:"status"`
	StatusNote      string          `json:"status_note"` // what was done, or why it was dropped
	// What fulfilled the point: the agreement or the activity it led to.
	FulfilledByAgreement *int64    `json:"fulfilled_by_agreement"`
	FulfilledByActivity  *int64    `json:"fulfilled_by_activity"`
	Overdue              bool      `json:"overdue"` // derived on read, never stored
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// Validate checks an action point's fields (not its status, which moves by Transition).
func (a *ActionPoint) Validate() error {
	var p Problems
	a.Text = strings.TrimSpace(a.Text)
	if a.Priority == "" {
		a.Priority = "normal"
	}
	if a.EngagementID <= 0 {
		p.Add("engagement_id", "is required: an action point comes from an engagement")
	}
	checkText(&p, "text", a.Text, true, 2000)
	if a.DueDate != "" && !a.DueDate.Valid() {
		p.Add("due_date", "must be a date YYYY-MM-DD")
	}
	if !slices.Contains(Priorities, a.Priority) {
		p.Add("priority", "must be low, normal or high")
	}
	return p.Err()
}

// IsOverdue reports whether the point is still open past its due date on day.
func (a *ActionPoint) IsOverdue(day time.Time) bool {
	return a.DueDate != "" && (a.Status == APOpen || a.Status == APInProgress) && string(a.DueDate) < day.Format(time.DateOnly)
}

// Transition moves the point to status to. Done needs a note of what was
// done; dropped needs the reason. Refusals name the rule.
func (a *ActionPoint) Transition(to, note string) error {
	note = strings.TrimSpace(note)
	var p Problems
	switch {
	case !slices.Contains(ActionPointStatuses, to):
		p.Add("status", "must be one of open, in_progress, done, dropped")
	case !slices.Contains(actionPointMoves[a.Status], to):
		p.Add("status", "an action point that is %s cannot become %s (allowed: %s)", a.Status, to, movesText(actionPointMoves[a.Status]))
	case to == APDone && note == "":
		p.Add("status_note", "say what was done to mark the point done")
	case to == APDropped && note == "":
		p.Add("status_note", "give the reason to drop the point")
	}
	if err := p.Err(); err != nil {
		return err
	}
	a.Status, a.StatusNote = to, note
	return nil
}

func movesText(moves []string) string {
	if len(moves) == 0 {
		return "none: it is closed"
	}
	return strings.Join(moves, ", ")
}

// ActionPointFilter narrows a list of action points.
type ActionPointFilter struct {
	Q            string
	EngagementID int64
	OwnerID      int64
	OrgID        int64
	Status       string
	Overdue      bool // only open points past their due date
	Page         int
	PerPage      int
	Unlimited    bool
	NoCount      bool // the total is not wanted: leave it 0 and save counting
}

// ActionPointService stores action points. Overdue is judged against the
// service's own clock.
type ActionPointService interface {
	ListActionPoints(ctx context.Context, f ActionPointFilter) ([]*ActionPoint, int, error)
	GetActionPoint(ctx context.Context, id int64) (*ActionPoint, error)
	CreateActionPoint(ctx context.Context, a *ActionPoint) error
	UpdateActionPoint(ctx context.Context, a *ActionPoint) error
	// TransitionActionPoint moves a point at version to a new status.
	TransitionActionPoint(ctx context.Context, id int64, version int, to, note string) (*ActionPoint, error)
}
