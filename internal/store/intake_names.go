package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/accordhq/accord/internal/accord"
)

// NamesVersion changes whenever an organization or a person is created or
// changed (positions change with their person): the count and the latest
// change of each table. Two aggregate reads, no row is fetched.
func (db *DB) NamesVersion(ctx context.Context) (string, error) {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return "", err
	}
	var orgs, people int64
	var orgsAt, peopleAt sql.NullString
	err := db.queryRowRead(ctx, `SELECT (SELECT COUNT(*) FROM organizations), (SELECT MAX(updated_at) FROM organizations),
		(SELECT COUNT(*) FROM people), (SELECT MAX(updated_at) FROM people)`).Scan(&orgs, &orgsAt, &people, &peopleAt)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d@%s/%d@%s", orgs, orgsAt.String, people, peopleAt.String), nil
}

// KnownNames lists the active organizations, with their parent's name, and
// the active people with the position they hold on day (the first, when
// they hold several; none, when they hold none). It is read for the
// extractor's gazetteer, so only staff who may write records read it: the
// names of every organization are not for partners.
func (db *DB) KnownNames(ctx context.Context, day accord.Date) ([]accord.KnownOrg, []accord.KnownPerson, error) {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return nil, nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT o.id, o.name_en, o.name_fr, o.name_ar, o.acronym, COALESCE(p.name_en, '')
		FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id WHERE o.archived = FALSE ORDER BY o.id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var orgs []accord.KnownOrg
	for rows.Next() {
		var o accord.KnownOrg
		if err := rows.Scan(&o.ID, &o.NameEN, &o.NameFR, &o.NameAR, &o.Acronym, &o.Parent); err != nil {
			return nil, nil, err
		}
		orgs = append(orgs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	prows, err := db.queryRead(ctx, `SELECT p.id, p.name, COALESCE(ps.title, ''), COALESCE(o.name_en, '')
		FROM people p
		LEFT JOIN positions ps ON ps.person_id = p.id AND (ps.from_date = '' OR ps.from_date <= ?) AND (ps.to_date = '' OR ps.to_date >= ?)
		LEFT JOIN organizations o ON o.id = ps.org_id
		WHERE p.archived = FALSE ORDER BY p.id, ps.ord, ps.id`, string(day), string(day))
	if err != nil {
		return nil, nil, err
	}
	defer prows.Close()
	var people []accord.KnownPerson
	for prows.Next() {
		var p accord.KnownPerson
		if err := prows.Scan(&p.ID, &p.Name, &p.Title, &p.OrgName); err != nil {
			return nil, nil, err
		}
		if n := len(people); n > 0 && people[n-1].ID == p.ID {
			continue // a second current position
		}
		people = append(people, p)
	}
	return orgs, people, prows.Err()
}
