package accord

import (
	"context"
	"strings"
	"time"
)

// Country is an ISO 3166-1 country with its names in Accord's languages.
type Country struct {
	Code   string `json:"code"`
	NameEN string `json:"name_en"`
	NameFR string `json:"name_fr"`
	NameAR string `json:"name_ar"`
}

// Name returns the country's name in lang.
func (c *Country) Name(lang string) string { return localized(lang, c.NameEN, c.NameFR, c.NameAR) }

// CountryGroup is a set of countries: OIC member states, the Sahel, a region,
// or any group an administrator defines. Built-in groups cannot be edited.
type CountryGroup struct {
	ID      int64    `json:"id"`
	Version int      `json:"version"`
	Code    string   `json:"code"`
	NameEN  string   `json:"name_en"`
	NameFR  string   `json:"name_fr"`
	NameAR  string   `json:"name_ar"`
	BuiltIn bool     `json:"built_in"`
	Members []string `json:"members"` // ISO alpha-2, sorted
}

// Name returns the group's name in lang.
func (g *CountryGroup) Name(lang string) string { return localized(lang, g.NameEN, g.NameFR, g.NameAR) }

// Validate checks a country group.
func (g *CountryGroup) Validate() error {
	var p Problems
	g.Code = strings.ToUpper(strings.TrimSpace(g.Code))
	g.NameEN = strings.TrimSpace(g.NameEN)
	checkText(&p, "code", g.Code, true, 30)
	for _, r := range g.Code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			p.Add("code", "may hold only letters A-Z, digits, - and _")
			break
		}
	}
	checkText(&p, "name_en", g.NameEN, true, 200)
	checkText(&p, "name_fr", g.NameFR, false, 200)
	checkText(&p, "name_ar", g.NameAR, false, 200)
	if len(g.Members) == 0 {
		p.Add("members", "a group needs at least one country")
	}
	return p.Err()
}

// Code is an entry of a code list (organisation types, sectors, currencies).
type Code struct {
	Code     string `json:"code"`
	Category string `json:"category,omitempty"`
	NameEN   string `json:"name_en"`
	NameFR   string `json:"name_fr,omitempty"`
	NameAR   string `json:"name_ar,omitempty"`
}

// Name returns the code's label in lang.
func (c *Code) Name(lang string) string { return localized(lang, c.NameEN, c.NameFR, c.NameAR) }

// Code lists kept by ReferenceService.
const (
	ListOrgTypes         = "org_types"
	ListSectors          = "sectors"
	ListSectorCategories = "sector_categories"
	ListCurrencies       = "currencies"
)

// ReferenceService serves reference data and the country groups admins define.
type ReferenceService interface {
	Countries(ctx context.Context) ([]*Country, error)
	Codes(ctx context.Context, list string) ([]*Code, error)
	ListCountryGroups(ctx context.Context) ([]*CountryGroup, error)
	GetCountryGroup(ctx context.Context, id int64) (*CountryGroup, error)
	CreateCountryGroup(ctx context.Context, g *CountryGroup) error
	UpdateCountryGroup(ctx context.Context, g *CountryGroup) error
	DeleteCountryGroup(ctx context.Context, id int64, version int) error
}

// Page normalises pagination: page ≥ 1, 1 ≤ perPage ≤ 200 (default 50).
func Page(page, perPage int) (limit, offset int) {
	if perPage <= 0 {
		perPage = 50
	}
	if perPage > 200 {
		perPage = 200
	}
	if page < 1 {
		page = 1
	}
	return perPage, (page - 1) * perPage
}

// SearchHit is one record found by the search box.
type SearchHit struct {
	Kind    string  `json:"kind"` // organization, person, engagement, action_point, agreement, plan, activity
	ID      int64   `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"` // higher is better, within a kind
}

// SearchResult is what the search box found, ranked within each kind.
type SearchResult struct {
	Query string      `json:"query"`
	Hits  []SearchHit `json:"items"`
	Total int         `json:"total"`
	// Capped says some kind had more than SearchWindow matches: only its
	// SearchWindow most recent were ranked, and counted in Total.
	Capped bool `json:"capped"`
}

// SearchWindow is how many of the most recent matches of each kind a
// search ranks: a word found in more records than this is too common to
// rank them all at the speed of typing; more words narrow it.
const SearchWindow = 1000

// SearchKinds lists the kinds the search box looks in, in the order shown.
var SearchKinds = []string{"engagement", "agreement", "action_point", "plan", "activity", "organization", "person"}

// SearchService finds every record the actor may see by words in it.
type SearchService interface {
	Search(ctx context.Context, q string, perKind int) (*SearchResult, error)
}

// Attachment is a document attached to a record (an engagement's press
// release, an agreement's signed text). Documents are stored once per content.
type Attachment struct {
	ID          int64     `json:"id"`
	Entity      string    `json:"entity"` // engagement, agreement
	EntityID    int64     `json:"entity_id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  string    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// DocumentService stores uploaded documents; every read checks that the
// actor may see the record the document is attached to.
type DocumentService interface {
	Attach(ctx context.Context, a *Attachment, data []byte) error
	Attachments(ctx context.Context, entity string, entityID int64) ([]*Attachment, error)
	Document(ctx context.Context, attachmentID int64) (*Attachment, []byte, error)
}
