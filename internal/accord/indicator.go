package accord

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Indicator measures an activity's progress: a baseline, a target, and one
// value per reporting period.
type Indicator struct {
	ID         int64            `json:"id"`
	ActivityID int64            `json:"activity_id"`
	Name       string           `json:"name"`
	Unit       string           `json:"unit"` // doses, people trained, %
	Baseline   float64          `json:"baseline"`
	Target     float64          `json:"target"`
	Values     []IndicatorValue `json:"values"`
	CreatedAt  time.Time        `json:"created_at"`
}

// Indicator value statuses: draft → submitted → approved | returned, and a
// returned value goes back to submitted once corrected.
const (
	ValDraft     = "draft"
	ValSubmitted = "submitted"
	ValApproved  = "approved"
	ValReturned  = "returned"
)

var valueMoves = map[string][]string{
	ValDraft:     {ValSubmitted},
	ValSubmitted: {ValApproved, ValReturned},
	ValReturned:  {ValSubmitted},
}

// IndicatorValue is the value of an indicator for one reporting period.
type IndicatorValue struct {
	ID          int64     `json:"id"`
	Version     int       `json:"version"`
	IndicatorID int64     `json:"indicator_id"`
	Period      string    `json:"period"` // 2023, 2023-Q2 or 2023-06
	Value       float64   `json:"value"`
	Status      string    `json:"status"`
	Comment     string    `json:"comment"` // why it was returned
	UpdatedBy   string    `json:"updated_by"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Filled when listed for review.
	IndicatorName string `json:"indicator_name,omitempty"`
	ActivityID    int64  `json:"activity_id,omitempty"`
	ActivityTitle string `json:"activity_title,omitempty"`
}

var period = regexp.MustCompile(`^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$`)

// Validate checks an indicator.
func (i *Indicator) Validate() error {
	var p Problems
	i.Name, i.Unit = strings.TrimSpace(i.Name), strings.TrimSpace(i.Unit)
	if i.ActivityID <= 0 {
		p.Add("activity_id", "is required")
	}
	checkText(&p, "name", i.Name, true, 300)
	checkText(&p, "unit", i.Unit, false, 50)
	if i.Baseline < 0 {
		p.Add("baseline", "cannot be negative")
	}
	if i.Target < 0 {
		p.Add("target", "cannot be negative")
	}
	return p.Err()
}

// Validate checks a value before it is recorded.
func (v *IndicatorValue) Validate() error {
	var p Problems
	v.Period = strings.ToUpper(strings.TrimSpace(v.Period))
	if !period.MatchString(v.Period) {
		p.Add("period", "must be a year (2023), a quarter (2023-Q2) or a month (2023-06)")
	}
	if v.Value < 0 {
		p.Add("value", "cannot be negative")
	}
	return p.Err()
}

// Editable reports whether the value may still be changed: drafts and returned values.
func (v *IndicatorValue) Editable() bool { return v.Status == ValDraft || v.Status == ValReturned }

// Transition moves a value to status to; returning one needs a comment.
func (v *IndicatorValue) Transition(to, comment string) error {
	var p Problems
	comment = strings.TrimSpace(comment)
	switch {
	case !slices.Contains(valueMoves[v.Status], to):
		p.Add("status", "a value that is %s cannot become %s (allowed: %s)", v.Status, to, movesText(valueMoves[v.Status]))
	case to == ValReturned && comment == "":
		p.Add("comment", "say why the value is returned")
	}
	if err := p.Err(); err != nil {
		return err
	}
	v.Status = to
	if to == ValReturned {
		v.Comment = comment
	}
	return nil
}

// ValueMoves lists the statuses a value may move to now.
func (v *IndicatorValue) ValueMoves() []string { return valueMoves[v.Status] }

// IndicatorService stores indicators and their values.
type IndicatorService interface {
	Indicators(ctx context.Context, activityID int64) ([]*Indicator, error)
	CreateIndicator(ctx context.Context, i *Indicator) error
	// RecordValue creates the period's value as a draft, or changes a draft or returned one.
	RecordValue(ctx context.Context, v *IndicatorValue) error
	// MoveValue submits, approves or returns a value at version.
	MoveValue(ctx context.Context, id int64, version int, to, comment string) (*IndicatorValue, error)
	// AwaitingApproval lists submitted values the actor may review.
	AwaitingApproval(ctx context.Context, limit int) ([]*IndicatorValue, int, error)
}

// CanApprove reports whether the actor reviews indicator values (editors and administrators).
func (a Actor) CanApprove() bool { return a.Role == RoleAdmin || a.Role == RoleEditor }
