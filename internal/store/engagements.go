package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const engagementColumns = `e.id, e.version, e.kind, e.title, e.date, e.date_precision, e.city, COALESCE(e.country, ''),
	e.summary, e.outcomes, e.topics, e.created_at, e.updated_at`

func scanEngagement(row interface{ Scan(...any) error }) (*accord.Engagement, error) {
	e := &accord.Engagement{Organizations: []accord.EngagementOrg{}, Participants: []accord.Participant{}, Sources: []accord.Source{}}
	var topics string
	var created, updated time.Time
	err := row.Scan(&e.ID, &e.Version, &e.Kind, &e.Title, &e.Date, &e.DatePrecision, &e.City, &e.Country,
		&e.Summary, &e.Outcomes, &topics, &created, &updated)
	e.Topics = splitLines(topics)
	e.CreatedAt, e.UpdatedAt = created.UTC(), updated.UTC()
	return e, err
}

func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

// engagementScope limits engagements to those a partner's organization (or
// one under it) took part in.
func engagementScope(w *where, a accord.Actor, alias string) {
	if a.IsPartner() {
		w.add(`EXISTS (SELECT 1 FROM engagement_orgs seo JOIN organizations so ON so.id = seo.org_id
			WHERE seo.engagement_id = `+alias+`.id AND (so.id = ? OR so.parent_id = ?))`, a.OrgID, a.OrgID)
	}
}

// ListEngagements lists engagements, newest first, with their organizations.
func (db *DB) ListEngagements(ctx context.Context, f accord.EngagementFilter) ([]*accord.Engagement, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	engagementScope(&w, a, "e")
	db.matchWords(&w, "engagements", "e", f.Q)
	if f.Kind != "" {
		w.add("e.kind = ?", f.Kind)
	}
	// An organization's engagements are read from its links, which carry
	// the date: (org_id, date, engagement_id) walks them in the page's order,
	// so a page costs the same for an organization in six engagements as
	// for one in seventy thousand.
	from, order, date := "FROM engagements e", " ORDER BY e.date DESC, e.id DESC", "e.date"
	if f.OrgID != 0 {
		from, order, date = "FROM engagement_orgs fo JOIN engagements e ON e.id = fo.engagement_id", " ORDER BY fo.date DESC, fo.engagement_id DESC", "fo.date"
		w.add("fo.org_id = ?", f.OrgID)
	}
	if f.PersonID != 0 {
		w.add("EXISTS (SELECT 1 FROM engagement_participants fp WHERE fp.engagement_id = e.id AND fp.person_id = ?)", f.PersonID)
	}
	if f.Country != "" {
		w.add("e.country = ?", strings.ToUpper(f.Country))
	}
	if f.From != "" {
		w.add(date+" >= ?", string(f.From))
	}
	if f.To != "" {
		w.add(date+" <= ?", string(f.To))
	}
	var out []*accord.Engagement
	byID := map[int64]*accord.Engagement{}
	// An organization's engagements alone are counted from the link
	// table's index, not by probing it once per engagement.
	countQuery := "SELECT COUNT(*) " + from + w.String()
	if f.OrgID != 0 && len(w.clauses) == 1 {
		countQuery = "SELECT COUNT(*) FROM engagement_orgs fo WHERE fo.org_id = ?"
	}
	total, err := db.pageCounted(ctx, listQuery{Count: countUnless(f.NoCount, countQuery), CountArgs: w.args,
		Select: "SELECT " + engagementColumns, From: from + w.String(), Order: order, Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			e, err := scanEngagement(row)
			out = append(out, e)
			byID[e.ID] = e
			return err
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.fillEngagementOrgs(ctx, byID)
}

// fillEngagementOrgs loads the organizations of the given engagements in one query.
func (db *DB) fillEngagementOrgs(ctx context.Context, byID map[int64]*accord.Engagement) error {
	return db.linkedOrgs(ctx, "engagement_orgs", "engagement_id", idArgs(byID), func(id int64, o accord.EngagementOrg) {
		byID[id].Organizations = append(byID[id].Organizations, o)
	})
}

// linkedOrgs reads, in one query, the organizations a link table ties to
// the given records, named as lists show them, and hands each to add.
func (db *DB) linkedOrgs(ctx context.Context, table, key string, ids []any, add func(id int64, o accord.EngagementOrg)) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := db.queryRead(ctx, `SELECT l.`+key+`, o.id, o.name_en, o.acronym FROM `+table+` l JOIN organizations o ON o.id = l.org_id
		WHERE l.`+key+` IN (`+placeholders(len(ids))+`) ORDER BY l.`+key+`, o.name_en`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var o accord.EngagementOrg
		var acronym string
		if err := rows.Scan(&id, &o.OrgID, &o.Name, &acronym); err != nil {
			return err
		}
		o.Name = orgLabel(o.Name, acronym)
		add(id, o)
	}
	return rows.Err()
}

// GetEngagement returns one engagement with organizations, participants and sources.
func (db *DB) GetEngagement(ctx context.Context, id int64) (*accord.Engagement, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("e.id = ?", id)
	engagementScope(&w, a, "e")
	e, err := scanEngagement(db.queryRowRead(ctx, "SELECT "+engagementColumns+" FROM engagements e"+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Engagement", id)
	} else if err != nil {
		return nil, err
	}
	if err := db.fillEngagementOrgs(ctx, map[int64]*accord.Engagement{id: e}); err != nil {
		return nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT p.id, p.name, COALESCE(o.id, 0), COALESCE(o.name_en, ''), ep.title
		FROM engagement_participants ep JOIN people p ON p.id = ep.person_id LEFT JOIN organizations o ON o.id = ep.org_id
		WHERE ep.engagement_id = ? ORDER BY ep.ord, ep.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pt accord.Participant
		if err := rows.Scan(&pt.PersonID, &pt.PersonName, &pt.OrgID, &pt.OrgName, &pt.Title); err != nil {
			return nil, err
		}
		e.Participants = append(e.Participants, pt)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	srows, err := db.queryRead(ctx, `SELECT title, url FROM engagement_sources WHERE engagement_id = ? ORDER BY ord, id`, id)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var s accord.Source
		if err := srows.Scan(&s.Title, &s.URL); err != nil {
			return nil, err
		}
		e.Sources = append(e.Sources, s)
	}
	return e, srows.Err()
}

// checkEngagement validates e and its references, and fills the names the
// search text and the audit log need.
func (tx *Tx) checkEngagement(e *accord.Engagement) error {
	if err := e.Validate(); err != nil {
		return err
	}
	var p accord.Problems
	if e.Country != "" && !tx.exists(`SELECT 1 FROM countries WHERE code = ?`, e.Country) {
		p.Add("country", "%q is not an ISO 3166-1 country code", e.Country)
	}
	for i := range e.Participants {
		pt := &e.Participants[i]
		if !tx.found(tx.queryRow(`SELECT name FROM people WHERE id = ?`, pt.PersonID).Scan(&pt.PersonName)) {
			p.Add("participants["+itoa(i)+"].person_id", "person %d does not exist", pt.PersonID)
		}
		if pt.OrgID > 0 {
			if !tx.found(tx.queryRow(`SELECT name_en FROM organizations WHERE id = ?`, pt.OrgID).Scan(&pt.OrgName)) {
				p.Add("participants["+itoa(i)+"].org_id", "organization %d does not exist", pt.OrgID)
			}
		}
	}
	ids := e.OrgIDs()
	e.Organizations = e.Organizations[:0]
	for _, id := range ids {
		o := accord.EngagementOrg{OrgID: id}
		var acronym string
		if !tx.found(tx.queryRow(`SELECT name_en, acronym FROM organizations WHERE id = ?`, id).Scan(&o.Name, &acronym)) {
			if !participantOrg(e, id) { // a participant's missing organization is reported on its row
				p.Add("organizations", "organization %d does not exist", id)
			}
		}
		o.Name = orgLabel(o.Name, acronym)
		e.Organizations = append(e.Organizations, o)
	}
	return p.Err()
}

// engagementSearch is the text an engagement is found by (engagementSearchText).
func (tx *Tx) engagementSearch(e *accord.Engagement) (string, error) {
	names, err := tx.orgNames(e.OrgIDs())
	return engagementSearchText(e, names), err
}

// orgNames returns the names and acronyms of organizations, in every language, for search texts.
func (tx *Tx) orgNames(ids []int64) (string, error) {
	if len(ids) == 0 {
		return "", nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.query(`SELECT name_en, name_fr, name_ar, acronym FROM organizations WHERE id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var en, fr, ar, acronym string
		if err := rows.Scan(&en, &fr, &ar, &acronym); err != nil {
			return "", err
		}
		orgNameText(&b, en, fr, ar, acronym)
	}
	return b.String(), rows.Err()
}

func participantOrg(e *accord.Engagement, orgID int64) bool {
	for _, pt := range e.Participants {
		if pt.OrgID == orgID {
			return true
		}
	}
	return false
}

func (tx *Tx) saveEngagementParts(e *accord.Engagement) error {
	for _, table := range []string{"engagement_orgs", "engagement_participants", "engagement_sources"} {
		if _, err := tx.exec(`DELETE FROM `+table+` WHERE engagement_id = ?`, e.ID); err != nil {
			return err
		}
	}
	for _, o := range e.Organizations {
		if _, err := tx.exec(engagementOrgsTable.insertSQL(), e.ID, o.OrgID, string(e.Date)); err != nil {
			return err
		}
	}
	for i := range e.Participants {
		if _, err := tx.exec(participantsTable.insertSQL(), participantRow(nil, e.ID, &e.Participants[i], i)...); err != nil {
			return err
		}
	}
	for i, s := range e.Sources {
		if _, err := tx.exec(sourcesTable.insertSQL(), sourceRow(nil, e.ID, s, i)...); err != nil {
			return err
		}
	}
	return nil
}

// CreateEngagement stores a new engagement.
func (db *DB) CreateEngagement(ctx context.Context, e *accord.Engagement) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error { return tx.createEngagement(e) })
}

// createEngagement inserts a new engagement with its parts, in a transaction of the caller's.
func (tx *Tx) createEngagement(e *accord.Engagement) error {
	e.ID = 0
	if err := tx.checkEngagement(e); err != nil {
		return err
	}
	search, err := tx.engagementSearch(e)
	if err != nil {
		return err
	}
	id, err := tx.insert(engagementsTable.insertSQL(), engagementRow(nil, e, search, tx.now, tx.now)...)
	if err != nil {
		return err
	}
	e.ID, e.Version, e.CreatedAt, e.UpdatedAt = id, 1, tx.now, tx.now
	if err := tx.saveEngagementParts(e); err != nil {
		return err
	}
	return tx.audit("create", "engagement", id, nil, e)
}

// UpdateEngagement saves e if e.Version is current.
func (db *DB) UpdateEngagement(ctx context.Context, e *accord.Engagement) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	before, err := db.GetEngagement(ctx, e.ID)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockVersion("engagements", "Engagement", e.ID, e.Version, before.Version); err != nil {
			return err
		}
		if err := tx.checkEngagement(e); err != nil {
			return err
		}
		search, err := tx.engagementSearch(e)
		if err != nil {
			return err
		}
		if err := tx.execVersioned("Engagement", e.ID, e.Version, `UPDATE engagements SET version = version + 1, kind = ?, title = ?, date = ?, date_precision = ?,
			city = ?, country = ?, summary = ?, outcomes = ?, topics = ?, search = ?, updated_at = ? WHERE id = ? AND version = ?`,
			e.Kind, e.Title, string(e.Date), e.DatePrecision, e.City, nullString(e.Country), e.Summary, e.Outcomes,
			strings.Join(e.Topics, "\n"), search, tx.now, e.ID, e.Version); err != nil {
			return err
		}
		e.Version, e.CreatedAt, e.UpdatedAt = e.Version+1, before.CreatedAt, tx.now
		if err := tx.saveEngagementParts(e); err != nil {
			return err
		}
		return tx.audit("update", "engagement", e.ID, before, e)
	})
}

// DeleteEngagement deletes an engagement that no action point comes from.
func (db *DB) DeleteEngagement(ctx context.Context, id int64, version int) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	before, err := db.GetEngagement(ctx, id)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if tx.exists(`SELECT 1 FROM action_points WHERE engagement_id = ?`, id) {
			return accord.Errorf(accord.ECONFLICT, "Engagement %d has action points; delete or move them first.", id)
		}
		if err := tx.execVersioned("Engagement", id, version, `DELETE FROM engagements WHERE id = ? AND version = ?`, id, version); err != nil {
			return err
		}
		return tx.audit("delete", "engagement", id, before, nil)
	})
}

// idArgs returns the keys of a map of records as query arguments.
func idArgs[T any](byID map[int64]T) []any {
	ids := make([]any, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	return ids
}

// placeholders returns "?, ?, …" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
