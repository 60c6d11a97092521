package store

import (
	"fmt"
	"slices"

	"github.com/accordhq/accord/internal/accord"
)

// The records of the chain, written by BulkWriter as their Create methods
// write them (engagements.go, actionpoints.go, agreements.go, plans.go,
// activities.go), search texts included.

// Engagements writes engagements with their organizations (every
// participant's among them), participants and sources, and sets their IDs.
func (b *BulkWriter) Engagements(es []*accord.Engagement) error {
	first, err := b.ids("engagements", len(es))
	if err != nil {
		return err
	}
	npart, nsrc := 0, 0
	for _, e := range es {
		npart += len(e.Participants)
		nsrc += len(e.Sources)
	}
	firstPart, err := b.ids("engagement_participants", npart)
	if err != nil {
		return err
	}
	firstSrc, err := b.ids("engagement_sources", nsrc)
	if err != nil {
		return err
	}
	var rows, orgs, parts, srcs []any
	for i, e := range es {
		e.ID = first + int64(i)
		if err := e.Validate(); err != nil {
			return fmt.Errorf("engagement %q: %w", e.Title, err)
		}
		e.Version = 1
		e.CreatedAt, e.UpdatedAt = b.stamps(e.CreatedAt, e.UpdatedAt)
		ids := e.OrgIDs()
		names, err := b.orgNames(ids)
		if err != nil {
			return fmt.Errorf("engagement %q: %w", e.Title, err)
		}
		for j := range e.Participants {
			pt := &e.Participants[j]
			if pt.PersonName, err = b.lookup(b.people, "person", `SELECT name FROM people WHERE id = ?`, pt.PersonID); err != nil {
				return fmt.Errorf("engagement %q: %w", e.Title, err)
			}
			if pt.OrgID > 0 {
				o, _ := b.org(pt.OrgID) // known: it is among ids
				pt.OrgName = o.en
			}
			parts = participantRow(append(parts, firstPart), e.ID, pt, j)
			firstPart++
		}
		e.Organizations = e.Organizations[:0]
		for _, id := range ids {
			label, _ := b.orgLabel(id)
			e.Organizations = append(e.Organizations, accord.EngagementOrg{OrgID: id, Name: label})
			orgs = append(orgs, e.ID, id, string(e.Date))
		}
		for j, s := range e.Sources {
			srcs = sourceRow(append(srcs, firstSrc), e.ID, s, j)
			firstSrc++
		}
		b.engagements[e.ID] = e.Title
		rows = engagementRow(append(rows, e.ID), e, engagementSearchText(e, names), e.CreatedAt, e.UpdatedAt)
	}
	if err := b.insertWithIDs(engagementsTable, rows); err != nil {
		return err
	}
	if err := b.insertRows(engagementOrgsTable, orgs); err != nil {
		return err
	}
	if err := b.insertWithIDs(participantsTable, parts); err != nil {
		return err
	}
	return b.insertWithIDs(sourcesTable, srcs)
}

// ActionPoints writes action points in the status they carry (open when
// none), with their parties, and sets their IDs. A done or dropped point
// needs its note, as TransitionActionPoint would ask.
func (b *BulkWriter) ActionPoints(aps []*accord.ActionPoint) error {
	first, err := b.ids("action_points", len(aps))
	if err != nil {
		return err
	}
	var rows, parties []any
	for i, a := range aps {
		a.ID = first + int64(i)
		if err := a.Validate(); err != nil {
			return fmt.Errorf("action point %q: %w", a.Text, err)
		}
		if a.Status == "" {
			a.Status = accord.APOpen
		}
		if !slices.Contains(accord.ActionPointStatuses, a.Status) || (a.Status == accord.APDone || a.Status == accord.APDropped) && a.StatusNote == "" {
			return fmt.Errorf("action point %q: status %q needs a known status and, when closed, a note", a.Text, a.Status)
		}
		a.Version = 1
		a.CreatedAt, a.UpdatedAt = b.stamps(a.CreatedAt, a.UpdatedAt)
		a.Overdue = a.IsOverdue(b.now)
		if a.EngagementTitle, err = b.lookup(b.engagements, "engagement", `SELECT title FROM engagements WHERE id = ?`, a.EngagementID); err != nil {
			return fmt.Errorf("action point %q: %w", a.Text, err)
		}
		a.OwnerName = ""
		if a.OwnerID != nil {
			if a.OwnerName, err = b.lookup(b.users, "user", `SELECT name FROM users WHERE id = ?`, *a.OwnerID); err != nil {
				return fmt.Errorf("action point %q: %w", a.Text, err)
			}
		}
		var ids []int64
		kept := a.Parties[:0]
		for _, o := range a.Parties {
			if slices.Contains(ids, o.OrgID) {
				continue
			}
			ids = append(ids, o.OrgID)
			if o.Name, err = b.orgLabel(o.OrgID); err != nil {
				return fmt.Errorf("action point %q: %w", a.Text, err)
			}
			kept = append(kept, o)
			parties = append(parties, a.ID, o.OrgID)
		}
		a.Parties = kept
		names, _ := b.orgNames(ids)
		rows = actionPointRow(append(rows, a.ID), a, actionPointSearchText(a, names), a.CreatedAt, a.UpdatedAt)
	}
	if err := b.insertWithIDs(actionPointsTable, rows); err != nil {
		return err
	}
	return b.insertRows(actionPointPartiesTable, parties)
}

// Agreements writes agreements in the status they carry (draft when none),
// with parties and amendments, and sets their IDs. An agreement may be
// superseded only by one written before it.
func (b *BulkWriter) Agreements(gs []*accord.Agreement) error {
	first, err := b.ids("agreements", len(gs))
	if err != nil {
		return err
	}
	var rows, parties, amendments []any
	for i, g := range gs {
		g.ID = first + int64(i)
		if err := g.Validate(b.now); err != nil {
			return fmt.Errorf("agreement %q: %w", g.Title, err)
		}
		if g.Signed() && !g.AllSigned() {
			return fmt.Errorf("agreement %q: a %s agreement needs every party's signature", g.Title, g.Status)
		}
		g.Version = 1
		g.CreatedAt, g.UpdatedAt = b.stamps(g.CreatedAt, g.UpdatedAt)
		ids := make([]int64, len(g.Parties))
		for j := range g.Parties {
			pt := &g.Parties[j]
			ids[j] = pt.OrgID
			if pt.OrgName, err = b.orgLabel(pt.OrgID); err != nil {
				return fmt.Errorf("agreement %q: %w", g.Title, err)
			}
			parties = agreementPartyRow(parties, g, pt, j)
		}
		names, _ := b.orgNames(ids)
		for j := range g.Amendments {
			m := &g.Amendments[j]
			m.Number = j + 1
			amendments = amendmentRow(amendments, g.ID, m, g.UpdatedAt)
		}
		b.agreements[g.ID] = g.Title
		rows = agreementRow(append(rows, g.ID), g, agreementSearchText(g, names), g.CreatedAt, g.UpdatedAt)
	}
	if err := b.insertWithIDs(agreementsTable, rows); err != nil {
		return err
	}
	if err := b.insertRows(agreementPartiesTable, parties); err != nil {
		return err
	}
	return b.insertRows(amendmentsTable, amendments)
}

// Plans writes plans of action with their agreements and objectives, and
// sets the IDs of both.
func (b *BulkWriter) Plans(ps []*accord.Plan) error {
	first, err := b.ids("plans", len(ps))
	if err != nil {
		return err
	}
	nobj := 0
	for _, p := range ps {
		nobj += len(p.Objectives)
	}
	firstObj, err := b.ids("objectives", nobj)
	if err != nil {
		return err
	}
	var rows, agreements, objectives []any
	for i, p := range ps {
		p.ID = first + int64(i)
		if err := p.Validate(); err != nil {
			return fmt.Errorf("plan %q: %w", p.Title, err)
		}
		p.Version = 1
		p.CreatedAt, p.UpdatedAt = b.stamps(p.CreatedAt, p.UpdatedAt)
		for j := range p.Agreements {
			pa := &p.Agreements[j]
			if pa.Title, err = b.lookup(b.agreements, "agreement", `SELECT title FROM agreements WHERE id = ?`, pa.AgreementID); err != nil {
				return fmt.Errorf("plan %q: %w", p.Title, err)
			}
			agreements = append(agreements, p.ID, pa.AgreementID)
		}
		for j := range p.Objectives {
			o := &p.Objectives[j]
			o.ID = firstObj
			firstObj++
			objectives = append(objectives, o.ID, p.ID, o.Title, j)
		}
		b.plans[p.ID] = p.Title
		rows = planRow(append(rows, p.ID), p, p.CreatedAt, p.UpdatedAt)
	}
	if err := b.insertWithIDs(plansTable, rows); err != nil {
		return err
	}
	if err := b.insertRows(planAgreementsTable, agreements); err != nil {
		return err
	}
	return b.insertWithIDs(objectivesTable, objectives)
}

// Activities writes activities with their implementing organizations,
// countries, groups (by code) and sectors, and sets their IDs.
func (b *BulkWriter) Activities(xs []*accord.Activity) error {
	first, err := b.ids("activities", len(xs))
	if err != nil {
		return err
	}
	var rows, orgs, countries, groups, sectors []any
	for i, a := range xs {
		a.ID = first + int64(i)
		if err := a.Validate(); err != nil {
			return fmt.Errorf("activity %q: %w", a.Title, err)
		}
		a.Version = 1
		a.CreatedAt, a.UpdatedAt = b.stamps(a.CreatedAt, a.UpdatedAt)
		if a.PlanTitle, err = b.lookup(b.plans, "plan", `SELECT title FROM plans WHERE id = ?`, a.PlanID); err != nil {
			return fmt.Errorf("activity %q: %w", a.Title, err)
		}
		if a.LeadOrgName, err = b.orgLabel(a.LeadOrgID); err != nil {
			return fmt.Errorf("activity %q: %w", a.Title, err)
		}
		ids := []int64{a.LeadOrgID}
		for j := range a.Implementing {
			o := &a.Implementing[j]
			if o.Name, err = b.orgLabel(o.OrgID); err != nil {
				return fmt.Errorf("activity %q: %w", a.Title, err)
			}
			ids = append(ids, o.OrgID)
			orgs = append(orgs, a.ID, o.OrgID)
		}
		for _, c := range a.Countries {
			countries = append(countries, a.ID, c)
		}
		for _, code := range a.Groups {
			id, ok := b.groups[code]
			if !ok {
				return fmt.Errorf("activity %q: %q is not a country group", a.Title, code)
			}
			groups = append(groups, a.ID, id)
		}
		for _, s := range a.Sectors {
			sectors = append(sectors, a.ID, s.Code, s.Percent)
		}
		names, _ := b.orgNames(ids)
		rows = activityRow(append(rows, a.ID), a, activitySearchText(a, names), a.CreatedAt, a.UpdatedAt)
	}
	if err := b.insertWithIDs(activitiesTable, rows); err != nil {
		return err
	}
	for _, t := range []struct {
		table sqlTable
		args  []any
	}{{activityOrgsTable, orgs}, {activityCountriesTable, countries}, {activityGroupsTable, groups}, {activitySectorsTable, sectors}} {
		if err := b.insertRows(t.table, t.args); err != nil {
			return err
		}
	}
	return nil
}
