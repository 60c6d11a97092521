package accord

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// Organization is an IGO, a government, an NGO, a foundation or a company.
type Organization struct {
	ID        int64     `json:"id"`
	Version   int       `json:"version"`
	NameEN    string    `json:"name_en"`
	NameFR    string    `json:"name_fr"`
	NameAR    string    `json:"name_ar"`
	Acronym   string    `json:"acronym"`
	Type      string    `json:"type"`       // IATI OrganisationType code, e.g. "40"
	IATIID    string    `json:"iati_id"`    // IATI organisation identifier, e.g. "XM-DAC-928"
	HQCountry string    `json:"hq_country"` // ISO 3166-1 alpha-2
	ParentID  *int64    `json:"parent_id"`
	Website   string    `json:"website"`
	Archived  bool      `json:"archived"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Name returns the organization's name in lang, falling back to English.
func (o *Organization) Name(lang string) string { return localized(lang, o.NameEN, o.NameFR, o.NameAR) }

var iatiOrgID = regexp.MustCompile(`^[A-Z]{2}(-[A-Za-z0-9]+)+$`)

// Validate checks the organization's own rules. Codes (type, country) are
// checked against reference data by the store.
func (o *Organization) Validate() error {
	var p Problems
	o.NameEN, o.NameFR, o.NameAR = strings.TrimSpace(o.NameEN), strings.TrimSpace(o.NameFR), strings.TrimSpace(o.NameAR)
	o.Acronym, o.IATIID, o.Website = strings.TrimSpace(o.Acronym), strings.TrimSpace(o.IATIID), strings.TrimSpace(o.Website)
	o.HQCountry = strings.ToUpper(strings.TrimSpace(o.HQCountry))
	checkText(&p, "name_en", o.NameEN, true, 300)
	checkText(&p, "name_fr", o.NameFR, false, 300)
	checkText(&p, "name_ar", o.NameAR, false, 300)
	checkText(&p, "acronym", o.Acronym, false, 30)
	if o.Type == "" {
		p.Add("type", "is required (an IATI organisation type code such as 40 for multilateral)")
	}
	if o.IATIID != "" && (!iatiOrgID.MatchString(o.IATIID) || len(o.IATIID) > 100) {
		p.Add("iati_id", "must look like an IATI organisation identifier, e.g. XM-DAC-928")
	}
	if o.HQCountry != "" && len(o.HQCountry) != 2 {
		p.Add("hq_country", "must be an ISO 3166-1 alpha-2 code such as CH")
	}
	if o.ParentID != nil && *o.ParentID == o.ID && o.ID != 0 {
		p.Add("parent_id", "an organization cannot be its own parent")
	}
	checkURL(&p, "website", o.Website)
	return p.Err()
}

// OrganizationFilter narrows a list of organizations.
type OrganizationFilter struct {
	Q         string // words in names, acronym or IATI identifier
	Type      string
	Country   string
	ParentID  int64
	Archived  *bool // nil: only active ones
	Sort      string
	Page      int
	PerPage   int
	Unlimited bool // exports: every row, ignoring Page/PerPage
	NoCount   bool // the total is not wanted: leave it 0 and save counting
}

// OrganizationSorts are the accepted values of OrganizationFilter.Sort.
var OrganizationSorts = []string{"name", "-name", "acronym", "-acronym", "updated", "-updated", "country", "-country"}

// OrganizationService stores organizations. Every method scopes by the actor in ctx.
type OrganizationService interface {
	ListOrganizations(ctx context.Context, f OrganizationFilter) ([]*Organization, int, error)
	GetOrganization(ctx context.Context, id int64) (*Organization, error)
	CreateOrganization(ctx context.Context, o *Organization) error
	// UpdateOrganization saves o if o.Version is the stored version, else ECONFLICT.
	UpdateOrganization(ctx context.Context, o *Organization) error
	// ArchiveOrganization archives (or restores) an organization at version.
	ArchiveOrganization(ctx context.Context, id int64, version int, archived bool) (*Organization, error)
}
