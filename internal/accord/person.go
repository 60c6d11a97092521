package accord

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Person is someone Accord's users meet or work with.
type Person struct {
	ID        int64      `json:"id"`
	Version   int        `json:"version"`
	Name      string     `json:"name"`
	Honorific string     `json:"honorific"` // Dr., Ambassador, H.E.
	Email     string     `json:"email"`
	Phone     string     `json:"phone"`
	Notes     string     `json:"notes"`
	Archived  bool       `json:"archived"`
	Positions []Position `json:"positions"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Position is a title a person holds at an organization over a period.
// A person may hold several at once.
type Position struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	OrgID   int64  `json:"org_id"`
	OrgName string `json:"org_name,omitempty"` // filled on read
	From    Date   `json:"from"`
	To      Date   `json:"to"` // empty: current
}

// Current reports whether the position is held on day.
func (p Position) Current(day time.Time) bool {
	d := Date(day.Format(time.DateOnly))
	return (p.From == "" || p.From <= d) && (p.To == "" || p.To >= d)
}

// Validate checks the person and each position.
func (p *Person) Validate() error {
	var pr Problems
	p.Name, p.Honorific = strings.TrimSpace(p.Name), strings.TrimSpace(p.Honorific)
	p.Email, p.Phone = strings.TrimSpace(p.Email), strings.TrimSpace(p.Phone)
	checkText(&pr, "name", p.Name, true, 200)
	checkText(&pr, "honorific", p.Honorific, false, 50)
	checkText(&pr, "email", p.Email, false, 200)
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		pr.Add("email", "is not a valid email address")
	}
	checkText(&pr, "phone", p.Phone, false, 50)
	checkText(&pr, "notes", p.Notes, false, 5000)
	if len(p.Positions) > 50 {
		pr.Add("positions", "at most 50 positions")
	}
	for i := range p.Positions {
		pos := &p.Positions[i]
		f := func(name string) string { return "positions[" + strconv.Itoa(i) + "]." + name }
		pos.Title = strings.TrimSpace(pos.Title)
		checkText(&pr, f("title"), pos.Title, true, 300)
		if pos.OrgID <= 0 {
			pr.Add(f("org_id"), "is required")
		}
		if pos.From != "" && !pos.From.Valid() {
			pr.Add(f("from"), "must be a date YYYY-MM-DD")
		}
		if pos.To != "" && !pos.To.Valid() {
			pr.Add(f("to"), "must be a date YYYY-MM-DD")
		}
		if pos.From != "" && pos.To != "" && pos.To < pos.From {
			pr.Add(f("to"), "is before the start date")
		}
	}
	return pr.Err()
}

// PersonFilter narrows a list of people.
type PersonFilter struct {
	Q         string
	OrgID     int64 // people who hold or held a position there
	Archived  *bool
	Sort      string
	Page      int
	PerPage   int
	Unlimited bool
	NoCount   bool // the total is not wanted: leave it 0 and save counting
}

// PersonSorts are the accepted values of PersonFilter.Sort.
var PersonSorts = []string{"name", "-name", "updated", "-updated"}

// PersonService stores people and their positions.
type PersonService interface {
	ListPeople(ctx context.Context, f PersonFilter) ([]*Person, int, error)
	GetPerson(ctx context.Context, id int64) (*Person, error)
	CreatePerson(ctx context.Context, p *Person) error
	UpdatePerson(ctx context.Context, p *Person) error
	ArchivePerson(ctx context.Context, id int64, version int, archived bool) (*Person, error)
}
