package store

import (
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// The search texts: what each kind of record is found by, folded for the
// full-text indexes (FTS5 in SQLite, a stored tsvector in PostgreSQL).
// Create and Update methods and the BulkWriter build them here alike,
// each from the names it looked up: from the database (Tx.orgNames) or
// from what it wrote before (BulkWriter.orgNames).

func orgSearch(o *accord.Organization) string {
	return accord.Fold(strings.Join([]string{o.NameEN, o.NameFR, o.NameAR, o.Acronym, o.IATIID}, " "))
}

// orgNameText is an organization's part of orgNames: its names in every
// language and its acronym, so that a search in French or Arabic finds
// what it took part in.
func orgNameText(s *strings.Builder, en, fr, ar, acronym string) {
	s.WriteString(" " + en + " " + fr + " " + ar + " " + acronym)
}

// personSearch is the text a person is found by. Organization names are
// left out: a partner could otherwise learn, by searching, where someone it
// may see also works.
func personSearch(p *accord.Person) string {
	parts := []string{p.Name, p.Honorific, p.Email}
	for _, pos := range p.Positions {
		parts = append(parts, pos.Title)
	}
	return accord.Fold(strings.Join(parts, " "))
}

// engagementSearchText is the text an engagement is found by, with its
// organizations' names (orgNames) and its participants' names and titles.
func engagementSearchText(e *accord.Engagement, orgNames string) string {
	parts := []string{e.Title, e.City, e.Summary, e.Outcomes, strings.Join(e.Topics, " "), orgNames}
	for _, pt := range e.Participants {
		parts = append(parts, pt.PersonName, pt.Title)
	}
	return accord.Fold(strings.Join(parts, " "))
}

// actionPointSearchText is the text an action point is found by, with the
// title of its engagement, its owner's name and its parties' names.
func actionPointSearchText(a *accord.ActionPoint, orgNames string) string {
	return accord.Fold(strings.Join([]string{a.Text, a.StatusNote, a.EngagementTitle, a.OwnerName, orgNames}, " "))
}

// agreementSearchText is the text an agreement is found by, with its
// signatories and its parties' names.
func agreementSearchText(g *accord.Agreement, orgNames string) string {
	parts := []string{g.Title, g.Summary, g.TerminationReason}
	for _, pt := range g.Parties {
		parts = append(parts, pt.Signatory)
	}
	return accord.Fold(strings.Join(append(parts, orgNames), " "))
}

// planSearch is the text a plan is found by, with its objectives and the
// titles of its agreements.
func planSearch(p *accord.Plan) string {
	parts := []string{p.Title, p.Summary}
	for _, o := range p.Objectives {
		parts = append(parts, o.Title)
	}
	for _, a := range p.Agreements {
		parts = append(parts, a.Title)
	}
	return accord.Fold(strings.Join(parts, " "))
}

// activitySearchText is the text an activity is found by, with its plan's
// title, its kind in words and the names of its lead and implementing
// organizations.
func activitySearchText(a *accord.Activity, orgNames string) string {
	return accord.Fold(strings.Join([]string{a.Title, a.Description, a.PlanTitle, strings.ReplaceAll(a.Kind, "_", " "), orgNames}, " "))
}

func appealSearch(a *accord.Appeal) string { return accord.Fold(a.Title + " " + a.Description) }

func flowSearch(f *accord.Flow) string { return accord.Fold(f.Description) }
