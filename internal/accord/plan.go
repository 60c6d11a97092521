package accord

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Plan is a plan of action: it belongs to one or more agreements and sets
// objectives, each pursued by activities.
type Plan struct {
	ID         int64           `json:"id"`
	Version    int             `json:"version"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	StartDate  Date            `json:"start_date"`
	EndDate    Date            `json:"end_date"`
	Agreements []PlanAgreement `json:"agreements"`
	Objectives []Objective     `json:"objectives"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// PlanAgreement is an agreement a plan belongs to.
type PlanAgreement struct {
	AgreementID int64  `json:"agreement_id"`
	Title       string `json:"title,omitempty"` // filled on read
}

// Objective is one aim of a plan.
type Objective struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

// Validate checks a plan's own rules.
func (p *Plan) Validate() error {
	var pr Problems
	p.Title, p.Summary = strings.TrimSpace(p.Title), strings.TrimSpace(p.Summary)
	checkText(&pr, "title", p.Title, true, 300)
	checkText(&pr, "summary", p.Summary, false, 20000)
	checkDates(&pr, "start_date", p.StartDate, "end_date", p.EndDate)
	if len(p.Agreements) == 0 {
		pr.Add("agreements", "a plan of action belongs to at least one agreement")
	}
	objectives := p.Objectives[:0]
	for _, o := range p.Objectives {
		if o.Title = strings.TrimSpace(o.Title); o.Title != "" || o.ID != 0 {
			objectives = append(objectives, o)
		}
	}
	p.Objectives = objectives
	for i, o := range p.Objectives {
		checkText(&pr, indexed("objectives", i, "title"), o.Title, true, 500)
	}
	return pr.Err()
}

// checkDates checks an optional period: both valid dates, the end not before the start.
func checkDates(p *Problems, startField string, start Date, endField string, end Date) {
	if start != "" && !start.Valid() {
		p.Add(startField, "must be a date YYYY-MM-DD")
	}
	if end != "" && !end.Valid() {
		p.Add(endField, "must be a date YYYY-MM-DD")
	}
	if start.Valid() && end.Valid() && end < start {
		p.Add(endField, "is before %s", strings.ReplaceAll(startField, "_", " "))
	}
}

// ActivityKinds are the kinds of activity.
var ActivityKinds = []string{"technical_assistance", "medical_supplies", "training", "capacity_building", "seminar", "workshop",
	"vaccine_access", "emergency_assistance", "research", "other"}

// ActivityStatuses are IATI's ActivityStatus codes.
var ActivityStatuses = []int{1, 2, 3, 4, 5, 6}

// Activity is something done under a plan: a training, a delivery of
// medical supplies, a seminar.
type Activity struct {
	ID            int64            `json:"id"`
	Version       int              `json:"version"`
	PlanID        int64            `json:"plan_id"`
	PlanTitle     string           `json:"plan_title,omitempty"`
	ObjectiveID   *int64           `json:"objective_id"`
	Title         string           `json:"title"`
	Description   string           `json:"description"`
	Kind          string           `json:"kind"`
	Status        int              `json:"status"` // IATI ActivityStatus 1–6
	LeadOrgID     int64            `json:"lead_org_id"`
	LeadOrgName   string           `json:"lead_org_name,omitempty"`
	Implementing  []EngagementOrg  `json:"implementing"`
	Countries     []string         `json:"countries"`                       // ISO 3166-1 alpha-2
	Groups        []string         `json:"groups"`                          // country group codes, e.g. SAHEL
	Beneficiaries []string         `json:"beneficiary_countries,omitempty"` // countries and groups' members, derived
	Sectors       []ActivitySector `json:"sectors"`
	PlannedStart  Date             `json:"planned_start"`
	PlannedEnd    Date             `json:"planned_end"`
	ActualStart   Date             `json:"actual_start"`
	ActualEnd     Date             `json:"actual_end"`
	Budget        string           `json:"budget"` // decimal, e.g. "250000" or "1250.50"
	Currency      string           `json:"currency"`
	CreatedAt     time.Time        `json:"created_at"`
	UpdatedAt     time.Time        `json:"updated_at"`
}

// ActivitySector is an OECD-DAC purpose code with its share of the activity.
type ActivitySector struct {
	Code    string  `json:"code"`
	Percent float64 `json:"percent"`
}

var decimal = regexp.MustCompile(`^\d{1,15}(\.\d{1,2})?$`)

// Validate checks an activity's own rules; codes are checked by the store.
func (a *Activity) Validate() error {
	var p Problems
	a.Title, a.Description = strings.TrimSpace(a.Title), strings.TrimSpace(a.Description)
	a.Budget, a.Currency = strings.TrimSpace(strings.ReplaceAll(a.Budget, ",", "")), strings.ToUpper(strings.TrimSpace(a.Currency))
	if a.Status == 0 {
		a.Status = 1
	}
	if a.PlanID <= 0 {
		p.Add("plan_id", "is required: an activity belongs to a plan of action")
	}
	checkText(&p, "title", a.Title, true, 300)
	checkText(&p, "description", a.Description, false, 20000)
	if !slices.Contains(ActivityKinds, a.Kind) {
		p.Add("kind", "must be one of %s", strings.Join(ActivityKinds, ", "))
	}
	if !slices.Contains(ActivityStatuses, a.Status) {
		p.Add("status", "must be an IATI activity status from 1 (pipeline) to 6 (suspended)")
	}
	if a.LeadOrgID <= 0 {
		p.Add("lead_org_id", "is required")
	}
	checkDates(&p, "planned_start", a.PlannedStart, "planned_end", a.PlannedEnd)
	checkDates(&p, "actual_start", a.ActualStart, "actual_end", a.ActualEnd)
	if a.Budget != "" && !decimal.MatchString(a.Budget) {
		p.Add("budget", "must be an amount such as 250000 or 1250.50 (no negative amounts)")
	}
	if a.Budget != "" && a.Currency == "" {
		p.Add("currency", "is required with a budget (ISO 4217, e.g. USD)")
	}
	for i := range a.Countries {
		a.Countries[i] = strings.ToUpper(strings.TrimSpace(a.Countries[i]))
	}
	a.Countries = compactSorted(a.Countries)
	for i := range a.Groups {
		a.Groups[i] = strings.ToUpper(strings.TrimSpace(a.Groups[i]))
	}
	a.Groups = compactSorted(a.Groups)
	a.Implementing = slices.CompactFunc(slices.SortedFunc(slices.Values(a.Implementing), func(x, y EngagementOrg) int { return int(x.OrgID - y.OrgID) }),
		func(x, y EngagementOrg) bool { return x.OrgID == y.OrgID })
	if len(a.Sectors) > 0 {
		sum := 0.0
		seen := map[string]bool{}
		for i, s := range a.Sectors {
			if len(s.Code) != 5 {
				p.Add(indexed("sectors", i, "code"), "must be a 5-digit OECD-DAC purpose code")
			}
			if seen[s.Code] {
				p.Add(indexed("sectors", i, "code"), "is listed twice")
			}
			seen[s.Code] = true
			if s.Percent <= 0 || s.Percent > 100 {
				p.Add(indexed("sectors", i, "percent"), "must be more than 0 and at most 100")
			}
			sum += s.Percent
		}
		if sum < 99.995 || sum > 100.005 {
			p.Add("sectors", "percentages must sum to 100 (they sum to %g)", sum)
		}
	}
	return p.Err()
}

func compactSorted(vs []string) []string {
	out := vs[:0]
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// PlanFilter narrows a list of plans.
type PlanFilter struct {
	Q           string
	AgreementID int64
	OrgID       int64
	Page        int
	PerPage     int
	Unlimited   bool
}

// ActivityFilter narrows a list of activities. Country matches activities
// for that country directly or through a group it belongs to.
type ActivityFilter struct {
	Q         string
	PlanID    int64
	OrgID     int64
	Country   string
	Kind      string
	Status    int
	Page      int
	PerPage   int
	Unlimited bool
	NoCount   bool // the total is not wanted: leave it 0 and save counting
}

// PlanService stores plans of action and their activities.
type PlanService interface {
	ListPlans(ctx context.Context, f PlanFilter) ([]*Plan, int, error)
	GetPlan(ctx context.Context, id int64) (*Plan, error)
	CreatePlan(ctx context.Context, p *Plan) error
	UpdatePlan(ctx context.Context, p *Plan) error
	ListActivities(ctx context.Context, f ActivityFilter) ([]*Activity, int, error)
	GetActivity(ctx context.Context, id int64) (*Activity, error)
	CreateActivity(ctx context.Context, a *Activity) error
	UpdateActivity(ctx context.Context, a *Activity) error
}
