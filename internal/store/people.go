package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const personColumns = `p.id, p.version, p.name, p.honorific, p.email, p.phone, p.notes, p.archived, p.created_at, p.updated_at`

func scanPerson(row interface{ Scan(...any) error }) (*accord.Person, error) {
	p := &accord.Person{Positions: []accord.Position{}}
	var created, updated time.Time
	err := row.Scan(&p.ID, &p.Version, &p.Name, &p.Honorific, &p.Email, &p.Phone, &p.Notes, &p.Archived, &created, &updated)
	p.CreatedAt, p.UpdatedAt = created.UTC(), updated.UTC()
	return p, err
}

// personScope limits people to those a partner may see: people who hold or
// held a position at the partner's organization or one under it.
func personScope(w *where, a accord.Actor) {
	if a.IsPartner() {
		w.add(`EXISTS (SELECT 1 FROM positions ps JOIN organizations po ON po.id = ps.org_id
			WHERE ps.person_id = p.id AND (po.id = ? OR po.parent_id = ?))`, a.OrgID, a.OrgID)
	}
}

// personWordsScope keeps a partner from finding a person by the title of a
// position it may not see: a person's search text holds every title, so
// "legal" would find a WHO adviser by their post at the ICRC. A word that
// is in such a title must also be in the person's name, honorific, email
// or a title the partner may see. The check compares lower-cased text, not
// the folded search text: a word in a hidden title that the partner spells
// without the accents of a visible name finds nothing, the safe side.
func personWordsScope(w *where, a accord.Actor, terms []string) {
	if !a.IsPartner() {
		return
	}
	for _, t := range terms {
		like := "%" + t + "%"
		w.add(`(NOT EXISTS (SELECT 1 FROM positions hp
				WHERE hp.person_id = p.id AND hp.org_id NOT IN (`+partnerOrgs+`) AND lower(hp.title) LIKE ?)
			OR lower(p.name || ' ' || p.honorific || ' ' || p.email) LIKE ?
			OR EXISTS (SELECT 1 FROM positions vp JOIN organizations so ON so.id = vp.org_id
				WHERE vp.person_id = p.id AND `+partnerOrg+` AND lower(vp.title) LIKE ?))`,
			a.OrgID, a.OrgID, like, like, a.OrgID, a.OrgID, like)
	}
}

var personOrder = map[string]string{
	"name": "p.name", "-name": "p.name DESC", "updated": "p.updated_at", "-updated": "p.updated_at DESC",
}

// ListPeople lists the people the actor may see, with their positions.
func (db *DB) ListPeople(ctx context.Context, f accord.PersonFilter) ([]*accord.Person, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	personScope(&w, a)
	db.matchWords(&w, "people", "p", f.Q)
	personWordsScope(&w, a, searchTerms(f.Q))
	if f.OrgID != 0 {
		// The organization's positions give its people, rather than a probe
		// per person in name order (the index positions_org_person).
		w.add("p.id IN (SELECT ps.person_id FROM positions ps WHERE ps.org_id = ?)", f.OrgID)
		if a.IsPartner() {
			// Who else works at an organization a partner may not see is not its to learn.
			w.add(`EXISTS (SELECT 1 FROM organizations so WHERE so.id = ? AND `+partnerOrg+`)`, f.OrgID, a.OrgID, a.OrgID)
		}
	}
	archived := false
	if f.Archived != nil {
		archived = *f.Archived
	}
	w.add("p.archived = ?", archived)
	order, ok := personOrder[f.Sort]
	if !ok {
		order = "p.name"
	}
	var out []*accord.Person
	byID := map[int64]*accord.Person{}
	total, err := db.pageCounted(ctx, listQuery{Count: countUnless(f.NoCount, "SELECT COUNT(*) FROM people p"+w.String()), CountArgs: w.args,
		Select: "SELECT " + personColumns, From: "FROM people p" + w.String(), Order: " ORDER BY " + order + ", p.id", Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			p, err := scanPerson(row)
			out = append(out, p)
			byID[p.ID] = p
			return err
		})
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.fillPositions(ctx, a, byID)
}

// fillPositions loads the positions of the given people in one query.
// A partner sees only the positions held at organizations it may see.
func (db *DB) fillPositions(ctx context.Context, a accord.Actor, byID map[int64]*accord.Person) error {
	if len(byID) == 0 {
		return nil
	}
	var w where
	ids := make([]any, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	w.add("ps.person_id IN (?"+strings.Repeat(", ?", len(ids)-1)+")", ids...)
	orgScope(&w, a, "o")
	rows, err := db.queryRead(ctx, `SELECT ps.person_id, ps.id, ps.title, ps.org_id, o.name_en, ps.from_date, ps.to_date
		FROM positions ps JOIN organizations o ON o.id = ps.org_id`+w.String()+` ORDER BY ps.person_id, ps.ord, ps.id`, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var personID int64
		var pos accord.Position
		if err := rows.Scan(&personID, &pos.ID, &pos.Title, &pos.OrgID, &pos.OrgName, &pos.From, &pos.To); err != nil {
			return err
		}
		p := byID[personID]
		p.Positions = append(p.Positions, pos)
	}
	return rows.Err()
}

// GetPerson returns one person the actor may see, with positions.
func (db *DB) GetPerson(ctx context.Context, id int64) (*accord.Person, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("p.id = ?", id)
	personScope(&w, a)
	p, err := scanPerson(db.queryRowRead(ctx, "SELECT "+personColumns+" FROM people p"+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Person", id)
	}
	if err != nil {
		return nil, err
	}
	return p, db.fillPositions(ctx, a, map[int64]*accord.Person{p.ID: p})
}

func (tx *Tx) getPerson(id int64) (*accord.Person, error) {
	p, err := scanPerson(tx.queryRow("SELECT "+personColumns+" FROM people p WHERE p.id = ?"+tx.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Person", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(`SELECT ps.id, ps.title, ps.org_id, o.name_en, ps.from_date, ps.to_date
		FROM positions ps JOIN organizations o ON o.id = ps.org_id WHERE ps.person_id = ? ORDER BY ps.ord, ps.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pos accord.Position
		if err := rows.Scan(&pos.ID, &pos.Title, &pos.OrgID, &pos.OrgName, &pos.From, &pos.To); err != nil {
			return nil, err
		}
		p.Positions = append(p.Positions, pos)
	}
	return p, rows.Err()
}

// checkPerson validates p and that each position's organization exists.
func (tx *Tx) checkPerson(p *accord.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var pr accord.Problems
	for i := range p.Positions {
		pos := &p.Positions[i]
		if !tx.found(tx.queryRow(`SELECT name_en FROM organizations WHERE id = ?`, pos.OrgID).Scan(&pos.OrgName)) {
			pr.Add("positions["+itoa(i)+"].org_id", "organization %d does not exist", pos.OrgID)
		}
	}
	return pr.Err()
}

func (tx *Tx) savePositions(p *accord.Person) error {
	if _, err := tx.exec(`DELETE FROM positions WHERE person_id = ?`, p.ID); err != nil {
		return err
	}
	for i := range p.Positions {
		pos := &p.Positions[i]
		id, err := tx.insert(positionsTable.insertSQL(), positionRow(nil, p.ID, pos, i)...)
		if err != nil {
			return err
		}
		pos.ID = id
	}
	return nil
}

// CreatePerson stores a new person with positions.
func (db *DB) CreatePerson(ctx context.Context, p *accord.Person) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error { return tx.createPerson(p) })
}

// createPerson inserts a new person with positions, in a transaction of the caller's.
func (tx *Tx) createPerson(p *accord.Person) error {
	p.ID, p.Archived = 0, false
	if err := tx.checkPerson(p); err != nil {
		return err
	}
	id, err := tx.insert(peopleTable.insertSQL(), personRow(nil, p, tx.now, tx.now)...)
	if err != nil {
		return err
	}
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = id, 1, tx.now, tx.now
	if p.Positions == nil {
		p.Positions = []accord.Position{}
	}
	if err := tx.savePositions(p); err != nil {
		return err
	}
	return tx.audit("create", "person", id, nil, p)
}

// UpdatePerson saves p and its positions if p.Version is current.
func (db *DB) UpdatePerson(ctx context.Context, p *accord.Person) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.getPerson(p.ID)
		if err != nil {
			return err
		}
		if before.Version != p.Version {
			return accord.Stale("Person", p.ID, p.Version, before.Version)
		}
		if err := tx.checkPerson(p); err != nil {
			return err
		}
		if err := tx.execVersioned("Person", p.ID, p.Version, `UPDATE people SET version = version + 1, name = ?, honorific = ?, email = ?, phone = ?, notes = ?, search = ?, updated_at = ?
			WHERE id = ? AND version = ?`, p.Name, p.Honorific, p.Email, p.Phone, p.Notes, personSearch(p), tx.now, p.ID, p.Version); err != nil {
			return err
		}
		p.Version, p.Archived, p.CreatedAt, p.UpdatedAt = p.Version+1, before.Archived, before.CreatedAt, tx.now
		if p.Positions == nil {
			p.Positions = []accord.Position{}
		}
		if err := tx.savePositions(p); err != nil {
			return err
		}
		// Position IDs are renewed on every save; compare positions without them.
		b, a := *before, *p
		b.Positions, a.Positions = stripIDs(before.Positions), stripIDs(p.Positions)
		return tx.audit("update", "person", p.ID, &b, &a)
	})
}

func stripIDs(ps []accord.Position) []accord.Position {
	out := make([]accord.Position, len(ps))
	for i, p := range ps {
		p.ID = 0
		out[i] = p
	}
	return out
}

// ArchivePerson archives or restores a person.
func (db *DB) ArchivePerson(ctx context.Context, id int64, version int, archived bool) (*accord.Person, error) {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return nil, err
	}
	var p *accord.Person
	err := db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.getPerson(id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return accord.Stale("Person", id, version, before.Version)
		}
		if err := tx.execVersioned("Person", id, version, `UPDATE people SET version = version + 1, archived = ?, updated_at = ? WHERE id = ? AND version = ?`, archived, tx.now, id, version); err != nil {
			return err
		}
		after := *before
		after.Version, after.Archived, after.UpdatedAt = version+1, archived, tx.now
		p = &after
		action := "archive"
		if !archived {
			action = "restore"
		}
		return tx.audit(action, "person", id, before, p)
	})
	return p, err
}
