package accord

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Kinds of engagement.
var EngagementKinds = []string{"meeting", "visit", "call", "conference", "signing"}

// Date precisions: a date may be known only to the month ("June 2022") or year.
var DatePrecisions = []string{"day", "month", "year"}

// Engagement is a meeting, visit, call, conference or signing ceremony.
type Engagement struct {
	ID            int64           `json:"id"`
	Version       int             `json:"version"`
	Kind          string          `json:"kind"`
	Title         string          `json:"title"`
	Date          Date            `json:"date"`           // for month or year precision, the first day
	DatePrecision string          `json:"date_precision"` // day, month or year
	City          string          `json:"city"`
	Country       string          `json:"country"` // ISO 3166-1 alpha-2
	Summary       string          `json:"summary"`
	Outcomes      string          `json:"outcomes"`
	Topics        []string        `json:"topics"`
	Organizations []EngagementOrg `json:"organizations"`
	Participants  []Participant   `json:"participants"`
	Sources       []Source        `json:"sources"`
	CreatedAt     time.Time       `json:"created_at"`
	UpdatedAt     time.Time       `json:"updated_at"`
}

// EngagementOrg is an organization that took part.
type EngagementOrg struct {
	OrgID int64  `json:"org_id"`
	Name  string `json:"name,omitempty"` // filled on read
}

// Participant is a person who took part, with the position they held then.
type Participant struct {
	PersonID   int64  `json:"person_id"`
	PersonName string `json:"person_name,omitempty"` // filled on read
	OrgID      int64  `json:"org_id"`                // 0: none given
	OrgName    string `json:"org_name,omitempty"`
	Title      string `json:"title"` // as held at the time, e.g. "Director-General"
}

// Source is a document that reports the engagement, e.g. a press release.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Validate checks the engagement's own rules; references are checked by the store.
func (e *Engagement) Validate() error {
	var p Problems
	e.Title, e.City = strings.TrimSpace(e.Title), strings.TrimSpace(e.City)
	e.Country = strings.ToUpper(strings.TrimSpace(e.Country))
	if e.DatePrecision == "" {
		e.DatePrecision = "day"
	}
	if !slices.Contains(EngagementKinds, e.Kind) {
		p.Add("kind", "must be one of %s", strings.Join(EngagementKinds, ", "))
	}
	checkText(&p, "title", e.Title, true, 300)
	switch {
	case e.Date == "":
		p.Add("date", "is required (for an approximate date give the month or year and its precision)")
	case !e.Date.Valid():
		p.Add("date", "must be a date YYYY-MM-DD")
	}
	if !slices.Contains(DatePrecisions, e.DatePrecision) {
		p.Add("date_precision", "must be day, month or year")
	} else if e.Date.Valid() {
		// Keep one spelling per approximate date: June 2022 is 2022-06-01.
		switch e.DatePrecision {
		case "month":
			e.Date = e.Date[:8] + "01"
		case "year":
			e.Date = e.Date[:5] + "01-01"
		}
	}
	checkText(&p, "city", e.City, false, 100)
	if e.Country != "" && len(e.Country) != 2 {
		p.Add("country", "must be an ISO 3166-1 alpha-2 code such as CH")
	}
	checkText(&p, "summary", e.Summary, false, 20000)
	checkText(&p, "outcomes", e.Outcomes, false, 20000)
	topics := e.Topics[:0]
	for _, t := range e.Topics {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(topics, t) {
			topics = append(topics, t)
		}
	}
	e.Topics = topics
	if len(e.Topics) > 50 {
		p.Add("topics", "at most 50 topics")
	}
	for i, t := range e.Topics {
		checkText(&p, indexed("topics", i, ""), t, true, 200)
	}
	for i := range e.Participants {
		pt := &e.Participants[i]
		pt.Title = strings.TrimSpace(pt.Title)
		if pt.PersonID <= 0 {
			p.Add(indexed("participants", i, "person_id"), "is required")
		}
		checkText(&p, indexed("participants", i, "title"), pt.Title, false, 300)
	}
	sources := e.Sources[:0]
	for _, s := range e.Sources {
		s.Title, s.URL = strings.TrimSpace(s.Title), strings.TrimSpace(s.URL)
		if s.Title != "" || s.URL != "" {
			sources = append(sources, s)
		}
	}
	e.Sources = sources
	for i, s := range e.Sources {
		checkText(&p, indexed("sources", i, "title"), s.Title, false, 300)
		checkURL(&p, indexed("sources", i, "url"), s.URL)
	}
	return p.Err()
}

// OrgIDs returns the organizations of the engagement, with every
// participant's organization among them.
func (e *Engagement) OrgIDs() []int64 {
	var ids []int64
	for _, o := range e.Organizations {
		ids = append(ids, o.OrgID)
	}
	for _, pt := range e.Participants {
		if pt.OrgID > 0 {
			ids = append(ids, pt.OrgID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// EngagementFilter narrows a list of engagements.
type EngagementFilter struct {
	Q         string
	Kind      string
	OrgID     int64
	PersonID  int64
	Country   string
	From, To  Date
	Page      int
	PerPage   int
	Unlimited bool
	NoCount   bool // the total is not wanted: leave it 0 and save counting
}

// EngagementService stores engagements.
type EngagementService interface {
	ListEngagements(ctx context.Context, f EngagementFilter) ([]*Engagement, int, error)
	GetEngagement(ctx context.Context, id int64) (*Engagement, error)
	CreateEngagement(ctx context.Context, e *Engagement) error
	UpdateEngagement(ctx context.Context, e *Engagement) error
	DeleteEngagement(ctx context.Context, id int64, version int) error
}
