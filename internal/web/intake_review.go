package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/extract"
)

// review is the proposal as the officer edits it: one row per extracted
// item, each kept or rejected, with what it will become. Rows are numbered
// as the extraction listed them, and form fields are named after them
// ("orgs[2].link"), so that a problem found on saving lands on its row.
type review struct {
	Text      string // the text as read; carried by the form
	Filename  string
	Published string
	Notes     []string
	Segments  []textRun

	Kind, Title, Date, Precision, City, Country, Summary, Outcomes, Topics, SourceURL string

	Orgs    []orgRow
	People  []personRow
	Actions []actionRow
	Pledges []pledgeRow
}

type orgRow struct {
	Index                                            int
	Keep                                             bool
	Extracted                                        string // the name as the extractor gave it
	Link                                             string // an organization's id, or "new"
	Candidates                                       []*accord.Organization
	NameEN, NameFR, NameAR, Acronym, Type, HQCountry string
}

type personRow struct {
	Index      int
	Keep       bool
	Extracted  string
	Link       string // a person's id, or "new"
	Candidates []*accord.Person
	Name       string
	Title      string
	Org        int // row of the organization, -1 for none
}

type actionRow struct {
	Index      int
	Keep       bool
	Commitment int // index of the extracted commitment, for its mark
	Kind       string
	Text       string
	Parties    map[int]bool // rows of organizations
	DueDate    string
}

type pledgeRow struct {
	Index        int
	Keep         bool
	Commitment   int
	Description  string
	Source, Dest int // rows of organizations; Dest -1 for none
	Country      string
	Contribution string
	Amount       string
	Currency     string
	Rate         string
	Quantity     string
	Unit         string
}

// proposalReview turns an extraction into the rows of the review, with
// each organization and person linked to the record of the same name when
// Accord has one.
func (s *Server) proposalReview(ctx context.Context, res *extract.Result, filename, published string) (*review, error) {
	rv := &review{Text: res.Text, Filename: filename, Published: published, Notes: res.Notes, Kind: "meeting", Precision: "day"}
	rv.Title = headline(res.Text, res.Orgs)
	rv.Summary = lead(res.Text)
	rv.Topics = strings.Join(res.Topics, "\n")
	// What was agreed and pledged, in the release's words: the engagement
	// page shows it beside the action points and flows made of it.
	var outcomes []string
	for _, c := range res.Commitments {
		outcomes = append(outcomes, c.Text)
	}
	rv.Outcomes = strings.Join(outcomes, "\n")
	switch {
	case res.Date != nil:
		rv.Date = *res.Date
	case res.DateEstimate != nil:
		rv.Date = res.DateEstimate.Date
		if !res.DateEstimate.Exact {
			rv.Precision = "month"
		}
	case published != "":
		rv.Date, rv.Precision = published, "month"
	}
	if res.Location.City != nil {
		rv.City = *res.Location.City
	}
	if res.Location.Country != nil {
		rv.Country = *res.Location.Country
	}
	orgRowOf := map[string]int{}
	for i, name := range res.Orgs {
		row := orgRow{Index: i, Keep: true, Extracted: name, Link: "new", NameEN: name, Type: "40"}
		if strings.HasPrefix(name, "Government of ") {
			row.Type = "10"
		}
		cands, err := s.orgCandidates(ctx, name)
		if err != nil {
			return nil, err
		}
		row.Candidates = cands
		for _, c := range cands {
			if accord.Fold(c.NameEN) == accord.Fold(name) || (c.Acronym != "" && c.Acronym == name) {
				row.Link = strconv.FormatInt(c.ID, 10)
				break
			}
		}
		orgRowOf[name] = i
		rv.Orgs = append(rv.Orgs, row)
	}
	for i, p := range res.People {
		row := personRow{Index: i, Keep: true, Extracted: p.Name, Link: "new", Name: p.Name, Title: p.Title, Org: -1}
		if k, ok := orgRowOf[p.Organization]; ok {
			row.Org = k
		}
		cands, err := s.personCandidates(ctx, p.Name)
		if err != nil {
			return nil, err
		}
		row.Candidates = cands
		for _, c := range cands {
			if accord.Fold(c.Name) == accord.Fold(p.Name) {
				row.Link = strconv.FormatInt(c.ID, 10)
				break
			}
		}
		rv.People = append(rv.People, row)
	}
	for j, c := range res.Commitments {
		parties := map[int]bool{}
		for _, p := range c.Parties {
			if k, ok := orgRowOf[p]; ok {
				parties[k] = true
			}
		}
		if c.Kind != "pledge" {
			rv.Actions = append(rv.Actions, actionRow{Index: len(rv.Actions), Keep: true, Commitment: j, Kind: c.Kind, Text: c.Text, Parties: parties})
		}
		if c.Amount == nil || (c.Kind != "pledge" && c.Currency == nil) {
			continue
		}
		pl := pledgeRow{Index: len(rv.Pledges), Keep: true, Commitment: j, Description: c.Text, Source: -1, Dest: -1, Contribution: "financial"}
		amount := strconv.FormatFloat(*c.Amount, 'f', -1, 64)
		if c.Currency != nil {
			pl.Amount, pl.Currency = amount, *c.Currency
		} else {
			pl.Contribution, pl.Quantity, pl.Unit = "in_kind", amount, c.Unit
		}
		if len(c.Parties) > 0 {
			if k, ok := orgRowOf[c.Parties[0]]; ok {
				pl.Source = k
			}
		}
		if len(c.Parties) > 1 {
			if k, ok := orgRowOf[c.Parties[1]]; ok {
				pl.Dest = k
			}
		}
		if len(res.Countries) > 0 {
			pl.Country = res.Countries[0]
		}
		rv.Pledges = append(rv.Pledges, pl)
	}
	return rv, nil
}

// orgCandidates are the organizations an extracted name may be: those
// found by the name's words, a few at most.
func (s *Server) orgCandidates(ctx context.Context, name string) ([]*accord.Organization, error) {
	q := strings.TrimPrefix(name, "Government of ")
	list, _, err := s.Store.ListOrganizations(ctx, accord.OrganizationFilter{Q: q, PerPage: 8, NoCount: true})
	return list, err
}

// personCandidates are the people an extracted name may be.
func (s *Server) personCandidates(ctx context.Context, name string) ([]*accord.Person, error) {
	list, _, err := s.Store.ListPeople(ctx, accord.PersonFilter{Q: name, PerPage: 8, NoCount: true})
	return list, err
}

// headline is the release's first line when it is short enough to be a
// title, else the organizations that met.
func headline(text string, orgs []string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len([]rune(line)) <= 200 {
			return line
		}
		break
	}
	if len(orgs) > 0 {
		return strings.Join(orgs, " – ")
	}
	return ""
}

// lead is the first paragraph long enough to say what happened.
func lead(text string) string {
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		para = strings.TrimSpace(para)
		if len([]rune(para)) >= 120 {
			if r := []rune(para); len(r) > 4000 {
				para = string(r[:4000])
			}
			return para
		}
	}
	return ""
}

// reviewFromForm reads the review back from the posted form.
func reviewFromForm(f url.Values) *review {
	rv := &review{Text: f.Get("text"), Filename: f.Get("filename"), Published: f.Get("published"),
		Kind: f.Get("kind"), Title: f.Get("title"), Date: f.Get("date"), Precision: f.Get("date_precision"), City: f.Get("city"),
		Country: f.Get("country"), Summary: f.Get("summary"), Outcomes: f.Get("outcomes"), Topics: f.Get("topics"), SourceURL: f.Get("source_url")}
	rows := func(prefix string) int {
		n, _ := strconv.Atoi(f.Get(prefix + "_count"))
		return min(max(n, 0), 200)
	}
	get := func(list string, i int, field string) string { return f.Get(fmt.Sprintf("%s[%d].%s", list, i, field)) }
	row := func(v string) int {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return -1
		}
		return n
	}
	for i := range rows("orgs") {
		rv.Orgs = append(rv.Orgs, orgRow{Index: i, Keep: get("orgs", i, "keep") != "", Extracted: get("orgs", i, "extracted"), Link: get("orgs", i, "link"),
			NameEN: get("orgs", i, "name_en"), NameFR: get("orgs", i, "name_fr"), NameAR: get("orgs", i, "name_ar"),
			Acronym: get("orgs", i, "acronym"), Type: get("orgs", i, "type"), HQCountry: get("orgs", i, "hq_country")})
	}
	for i := range rows("people") {
		rv.People = append(rv.People, personRow{Index: i, Keep: get("people", i, "keep") != "", Extracted: get("people", i, "extracted"),
			Link: get("people", i, "link"), Name: get("people", i, "name"), Title: get("people", i, "title"), Org: row(get("people", i, "org"))})
	}
	for i := range rows("actions") {
		a := actionRow{Index: i, Keep: get("actions", i, "keep") != "", Commitment: row(get("actions", i, "commitment")), Kind: get("actions", i, "kind"),
			Text: get("actions", i, "text"), DueDate: get("actions", i, "due_date"), Parties: map[int]bool{}}
		for _, v := range f[fmt.Sprintf("actions[%d].parties", i)] {
			if k := row(v); k >= 0 {
				a.Parties[k] = true
			}
		}
		rv.Actions = append(rv.Actions, a)
	}
	for i := range rows("pledges") {
		rv.Pledges = append(rv.Pledges, pledgeRow{Index: i, Keep: get("pledges", i, "keep") != "", Commitment: row(get("pledges", i, "commitment")),
			Description: get("pledges", i, "description"), Source: row(get("pledges", i, "source")), Dest: row(get("pledges", i, "dest")),
			Country: get("pledges", i, "country"), Contribution: get("pledges", i, "contribution"), Amount: get("pledges", i, "amount"),
			Currency: get("pledges", i, "currency"), Rate: get("pledges", i, "rate"), Quantity: get("pledges", i, "quantity"), Unit: get("pledges", i, "unit")})
	}
	return rv
}

// intake turns the kept rows into what the store saves, and returns the
// row of each item of the intake, to put the store's problems back on the
// rows ("orgs[0]" of the intake may be row 2 when rows 0 and 1 were
// rejected). References to a rejected organization are problems of their own.
func (rv *review) intake() (*accord.Intake, map[string][]int, accord.Problems) {
	var p accord.Problems
	rowsOf := map[string][]int{}
	in := &accord.Intake{Engagement: accord.Engagement{Kind: rv.Kind, Title: rv.Title, Date: accord.Date(strings.TrimSpace(rv.Date)),
		DatePrecision: rv.Precision, City: rv.City, Country: rv.Country, Summary: rv.Summary, Outcomes: rv.Outcomes, Topics: strings.Split(strings.ReplaceAll(rv.Topics, "\r", ""), "\n")}}
	if rv.SourceURL != "" || rv.Title != "" {
		in.Engagement.Sources = []accord.Source{{Title: rv.Title, URL: strings.TrimSpace(rv.SourceURL)}}
	}
	orgAt := map[int]int{} // row → intake index
	for _, o := range rv.Orgs {
		if !o.Keep {
			continue
		}
		io := accord.IntakeOrg{}
		if o.Link == "new" || o.Link == "" {
			io.New = &accord.Organization{NameEN: o.NameEN, NameFR: o.NameFR, NameAR: o.NameAR, Acronym: o.Acronym, Type: o.Type, HQCountry: o.HQCountry}
		} else if id, ok := accord.ParseID(o.Link); ok {
			io.ID = id
		} else {
			p.Add(fmt.Sprintf("orgs[%d].link", o.Index), "choose an organization or create a new one")
			continue
		}
		orgAt[o.Index] = len(in.Orgs)
		rowsOf["orgs"] = append(rowsOf["orgs"], o.Index)
		in.Orgs = append(in.Orgs, io)
	}
	ref := func(field string, row int, optional bool) int {
		if row < 0 && optional {
			return -1
		}
		k, ok := orgAt[row]
		if !ok {
			if row >= 0 && row < len(rv.Orgs) {
				p.Add(field, "%s is rejected above: keep it, or choose another organization", rv.Orgs[row].Extracted)
			} else {
				p.Add(field, "choose one of the organizations that took part")
			}
			return -1
		}
		return k
	}
	for _, r := range rv.People {
		if !r.Keep {
			continue
		}
		ip := accord.IntakePerson{Name: r.Name, Title: r.Title, Org: ref(fmt.Sprintf("people[%d].org", r.Index), r.Org, true)}
		if r.Link != "new" && r.Link != "" {
			id, ok := accord.ParseID(r.Link)
			if !ok {
				p.Add(fmt.Sprintf("people[%d].link", r.Index), "choose a person or create a new one")
				continue
			}
			ip.ID = id
		}
		rowsOf["people"] = append(rowsOf["people"], r.Index)
		in.People = append(in.People, ip)
	}
	for _, a := range rv.Actions {
		if !a.Keep {
			continue
		}
		ia := accord.IntakeAction{Text: a.Text, DueDate: accord.Date(strings.TrimSpace(a.DueDate))}
		for k := range a.Parties {
			if i := ref(fmt.Sprintf("actions[%d].parties", a.Index), k, false); i >= 0 {
				ia.Parties = append(ia.Parties, i)
			}
		}
		rowsOf["actions"] = append(rowsOf["actions"], a.Index)
		in.Actions = append(in.Actions, ia)
	}
	for _, pl := range rv.Pledges {
		if !pl.Keep {
			continue
		}
		rowsOf["pledges"] = append(rowsOf["pledges"], pl.Index)
		in.Pledges = append(in.Pledges, accord.IntakePledge{Description: pl.Description,
			Source: ref(fmt.Sprintf("pledges[%d].source", pl.Index), pl.Source, false), Dest: ref(fmt.Sprintf("pledges[%d].dest", pl.Index), pl.Dest, true),
			Country: pl.Country, Contribution: pl.Contribution, Amount: pl.Amount, Currency: pl.Currency, Rate: pl.Rate, Quantity: pl.Quantity, Unit: pl.Unit})
	}
	name := strings.TrimSpace(rv.Filename)
	if name == "" {
		name = "press-release"
	}
	if !strings.HasSuffix(strings.ToLower(name), ".txt") {
		name += ".txt"
	}
	in.Document = accord.IntakeDocument{Filename: name, ContentType: "text/plain; charset=utf-8", Data: []byte(rv.Text)}
	return in, rowsOf, p
}

var itemField = regexp.MustCompile(`^(orgs|people|actions|pledges)\[(\d+)\]`)

// onRows renames the store's fields ("orgs[0].name_en", item 0 of the
// intake) after the rows of the form ("orgs[2].name_en").
func onRows(errs map[string]string, rowsOf map[string][]int) map[string]string {
	out := make(map[string]string, len(errs))
	for field, msg := range errs {
		if m := itemField.FindStringSubmatch(field); m != nil {
			k, _ := strconv.Atoi(m[2])
			if rows := rowsOf[m[1]]; k < len(rows) {
				field = fmt.Sprintf("%s[%d]", m[1], rows[k]) + field[len(m[0]):]
			}
		}
		if out[field] != "" {
			msg = out[field] + "; " + msg
		}
		out[field] = msg
	}
	return out
}
