package accord

import (
	"context"
	"strings"
)

// Intake is what an officer confirmed from a press release: the engagement
// it reports, the organizations and people who took part (existing records
// or new ones), the action points agreed, the pledges made, and the release
// itself. It is saved all at once or not at all.
type Intake struct {
	Engagement Engagement // kind, title, date and precision, place, summary, topics, sources
	Orgs       []IntakeOrg
	People     []IntakePerson
	Actions    []IntakeAction
	Pledges    []IntakePledge
	Document   IntakeDocument
}

// IntakeOrg is an organization that took part: an existing record (ID) or
// one to create (New).
type IntakeOrg struct {
	ID  int64
	New *Organization
}

// IntakePerson is a participant: an existing person (ID) or a new one
// (Name), with the title held and the organization it was held at (an
// index into Intake.Orgs, or -1). An existing person gets a new position
// when the title is new for them at that organization.
type IntakePerson struct {
	ID    int64
	Name  string
	Title string
	Org   int
}

// IntakeAction is an action point agreed at the engagement; Parties are
// indexes into Intake.Orgs.
type IntakeAction struct {
	Text    string
	Parties []int
	DueDate Date
}

// IntakePledge is money or goods pledged at the engagement. Source (who
// gives) and Dest (who receives, or -1) are indexes into Intake.Orgs. The
// value date is the engagement's date; the rate, when empty, is taken from
// the rates table on that day.
type IntakePledge struct {
	Description  string
	Source       int
	Dest         int
	Country      string // beneficiary country, ISO alpha-2
	Contribution string // financial or in_kind
	Amount       string
	Currency     string
	Rate         string
	Quantity     string // in kind: 260000
	Unit         string // in kind: doses
}

// IntakeDocument is the press release, stored as the engagement's source document.
type IntakeDocument struct {
	Filename    string
	ContentType string
	Data        []byte
}

// IntakeResult names the records an intake created or linked: one ID per
// organization and person of the intake, in their order.
type IntakeResult struct {
	EngagementID   int64   `json:"engagement_id"`
	OrgIDs         []int64 `json:"org_ids"`
	PersonIDs      []int64 `json:"person_ids"`
	ActionPointIDs []int64 `json:"action_point_ids"`
	FlowIDs        []int64 `json:"flow_ids"`
	AttachmentID   int64   `json:"attachment_id"`
}

// Validate checks what can be checked without the database: that every
// item is complete and every reference points at an organization of the
// intake. Fields are named after the item: "orgs[1].name_en",
// "pledges[0].amount".
func (in *Intake) Validate() error {
	var p Problems
	if len(in.Orgs) == 0 {
		p.Add("orgs", "keep at least one organization that took part")
	}
	ref := func(field string, i int, optional bool) {
		if (i < 0 && !optional) || i >= len(in.Orgs) {
			p.Add(field, "choose one of the organizations that took part")
		}
	}
	for i := range in.Orgs {
		o := &in.Orgs[i]
		switch {
		case o.ID > 0 && o.New != nil:
			p.Add(indexed("orgs", i, ""), "link an existing organization or create a new one, not both")
		case o.ID <= 0 && o.New == nil:
			p.Add(indexed("orgs", i, ""), "link an existing organization or create a new one")
		case o.New != nil:
			p = append(p, prefixed(indexed("orgs", i, ""), o.New.Validate())...)
		}
	}
	for i := range in.People {
		pp := &in.People[i]
		pp.Name, pp.Title = strings.TrimSpace(pp.Name), strings.TrimSpace(pp.Title)
		if pp.ID <= 0 {
			checkText(&p, indexed("people", i, "name"), pp.Name, true, 200)
		}
		checkText(&p, indexed("people", i, "title"), pp.Title, false, 300)
		ref(indexed("people", i, "org"), pp.Org, true)
	}
	for i := range in.Actions {
		a := &in.Actions[i]
		a.Text = strings.TrimSpace(a.Text)
		checkText(&p, indexed("actions", i, "text"), a.Text, true, 5000)
		for _, k := range a.Parties {
			ref(indexed("actions", i, "parties"), k, false)
		}
		if a.DueDate != "" && !a.DueDate.Valid() {
			p.Add(indexed("actions", i, "due_date"), "must be a date YYYY-MM-DD")
		}
	}
	for i := range in.Pledges {
		pl := &in.Pledges[i]
		ref(indexed("pledges", i, "source"), pl.Source, false)
		ref(indexed("pledges", i, "dest"), pl.Dest, true)
		if pl.Source >= 0 && pl.Source == pl.Dest {
			p.Add(indexed("pledges", i, "dest"), "the receiver cannot be the giver")
		}
	}
	checkText(&p, "document.filename", in.Document.Filename, len(in.Document.Data) > 0, 300)
	return p.Err()
}

// prefixed returns the field errors of err with each field put under
// prefix ("orgs[1]" + "." + "name_en"), for items inside a larger form.
func prefixed(prefix string, err error) []FieldError {
	if err == nil {
		return nil
	}
	fields := ErrorFields(err)
	if len(fields) == 0 {
		return []FieldError{{Field: prefix, Message: ErrorMessage(err)}}
	}
	out := make([]FieldError, len(fields))
	for i, f := range fields {
		out[i] = FieldError{Field: prefix + "." + f.Field, Message: f.Message}
		if f.Field == "" {
			out[i].Field = prefix
		}
	}
	return out
}

// KnownOrg is an organization as the extractor's gazetteer needs it.
type KnownOrg struct {
	ID                     int64
	NameEN, NameFR, NameAR string
	Acronym                string
	Parent                 string // English name of the parent organization
}

// KnownPerson is a person with a current position, for the gazetteer.
type KnownPerson struct {
	ID      int64
	Name    string
	Title   string
	OrgName string
}

// IntakeService saves confirmed intakes and supplies the names Accord
// knows to the extractor.
type IntakeService interface {
	// ConfirmIntake creates (or links) every record of the intake in one
	// transaction: nothing is saved unless everything is.
	ConfirmIntake(ctx context.Context, in *Intake) (*IntakeResult, error)
	// NamesVersion changes whenever an organization or a person is
	// created or changed; reading it is cheap.
	NamesVersion(ctx context.Context) (string, error)
	// KnownNames lists active organizations and people with the position
	// they hold on day (their first, when several).
	KnownNames(ctx context.Context, day Date) ([]KnownOrg, []KnownPerson, error)
}
