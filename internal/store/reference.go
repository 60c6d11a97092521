package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Countries returns every country, by code.
func (db *DB) Countries(ctx context.Context) ([]*accord.Country, error) {
	return readOnce(db, "countries", func() ([]*accord.Country, error) { return db.countries(ctx) })
}

// Codes returns one code list, by code.
func (db *DB) Codes(ctx context.Context, list string) ([]*accord.Code, error) {
	return readOnce(db, "codes:"+list, func() ([]*accord.Code, error) { return db.codes(ctx, list) })
}

// readOnce returns reference data read before, or reads it. Countries and
// code lists change only when Accord loads the lists shipped in its binary
// (loadReferenceData, which forgets what was read), yet nearly every page
// names a country or a sector. Callers share the records and must not
// change them; the slice is their own.
func readOnce[T any](db *DB, key string, read func() ([]T, error)) ([]T, error) {
	if v, ok := db.reference.Load(key); ok {
		return slices.Clone(v.([]T)), nil
	}
	out, err := read()
	if err == nil && len(out) > 0 {
		db.reference.Store(key, slices.Clone(out))
	}
	return out, err
}

func (db *DB) countries(ctx context.Context) ([]*accord.Country, error) {
	rows, err := db.queryRead(ctx, `SELECT code, name_en, name_fr, name_ar FROM countries ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*accord.Country
	for rows.Next() {
		c := &accord.Country{}
		if err := rows.Scan(&c.Code, &c.NameEN, &c.NameFR, &c.NameAR); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (db *DB) codes(ctx context.Context, list string) ([]*accord.Code, error) {
	rows, err := db.queryRead(ctx, `SELECT code, category, name_en, name_fr, name_ar FROM codes WHERE list = ? ORDER BY code`, list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*accord.Code
	for rows.Next() {
		c := &accord.Code{}
		if err := rows.Scan(&c.Code, &c.Category, &c.NameEN, &c.NameFR, &c.NameAR); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, accord.Errorf(accord.ENOTFOUND, "No code list %q.", list)
	}
	return out, nil
}

// ListCountryGroups returns every group with its members.
func (db *DB) ListCountryGroups(ctx context.Context) ([]*accord.CountryGroup, error) {
	return db.countryGroups(ctx, 0)
}

// GetCountryGroup returns one group.
func (db *DB) GetCountryGroup(ctx context.Context, id int64) (*accord.CountryGroup, error) {
	gs, err := db.countryGroups(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(gs) == 0 {
		return nil, notFound("Country group", id)
	}
	return gs[0], nil
}

func (db *DB) countryGroups(ctx context.Context, id int64) ([]*accord.CountryGroup, error) {
	var w where
	if id != 0 {
		w.add("g.id = ?", id)
	}
	rows, err := db.queryRead(ctx, `SELECT g.id, g.version, g.code, g.name_en, g.name_fr, g.name_ar, g.built_in, COALESCE(m.country, '')
		FROM country_groups g LEFT JOIN country_group_members m ON m.group_id = g.id`+w.String()+` ORDER BY g.built_in DESC, g.code, m.country`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*accord.CountryGroup
	for rows.Next() {
		var g accord.CountryGroup
		var member string
		if err := rows.Scan(&g.ID, &g.Version, &g.Code, &g.NameEN, &g.NameFR, &g.NameAR, &g.BuiltIn, &member); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != g.ID {
			g.Members = []string{}
			out = append(out, &g)
		}
		if member != "" {
			last := out[len(out)-1]
			last.Members = append(last.Members, member)
		}
	}
	return out, rows.Err()
}

func (tx *Tx) setGroupMembers(id int64, members []string) error {
	if _, err := tx.exec(`DELETE FROM country_group_members WHERE group_id = ?`, id); err != nil {
		return err
	}
	for _, c := range members {
		if _, err := tx.exec(`INSERT INTO country_group_members (group_id, country) VALUES (?, ?)`, id, c); err != nil {
			return err
		}
	}
	return nil
}

// checkGroup validates g, normalises its members and checks them against the country list.
func (tx *Tx) checkGroup(g *accord.CountryGroup) error {
	seen := map[string]bool{}
	var members []string
	for _, c := range g.Members {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c != "" && !seen[c] {
			seen[c] = true
			members = append(members, c)
		}
	}
	sort.Strings(members)
	g.Members = members
	if err := g.Validate(); err != nil {
		return err
	}
	var p accord.Problems
	for _, c := range members {
		if !tx.exists(`SELECT 1 FROM countries WHERE code = ?`, c) {
			p.Add("members", "%q is not an ISO 3166-1 country code", c)
		}
	}
	if tx.exists(`SELECT 1 FROM country_groups WHERE code = ? AND id <> ?`, g.Code, g.ID) {
		p.Add("code", "%s is already used by another group", g.Code)
	}
	return p.Err()
}

// CreateCountryGroup stores a group an administrator defines.
func (db *DB) CreateCountryGroup(ctx context.Context, g *accord.CountryGroup) error {
	if _, err := accord.RequireAdmin(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		g.ID, g.BuiltIn = 0, false
		if err := tx.checkGroup(g); err != nil {
			return err
		}
		id, err := tx.insert(`INSERT INTO country_groups (version, code, name_en, name_fr, name_ar, built_in) VALUES (1, ?, ?, ?, ?, FALSE)`,
			g.Code, g.NameEN, g.NameFR, g.NameAR)
		if err != nil {
			return err
		}
		g.ID, g.Version = id, 1
		if err := tx.setGroupMembers(id, g.Members); err != nil {
			return err
		}
		return tx.audit("create", "country_group", id, nil, g)
	})
}

func (tx *Tx) editableGroup(id int64, version int) (*accord.CountryGroup, error) {
	var before accord.CountryGroup
	err := tx.queryRow(`SELECT id, version, code, name_en, name_fr, name_ar, built_in FROM country_groups WHERE id = ?`+tx.forUpdate(), id).
		Scan(&before.ID, &before.Version, &before.Code, &before.NameEN, &before.NameFR, &before.NameAR, &before.BuiltIn)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Country group", id)
	} else if err != nil {
		return nil, err
	}
	if before.BuiltIn {
		return nil, accord.Errorf(accord.EFORBIDDEN, "%s is a built-in group from a published list; it cannot be changed.", before.Code)
	}
	if before.Version != version {
		return nil, accord.Stale("Country group", id, version, before.Version)
	}
	rows, err := tx.query(`SELECT country FROM country_group_members WHERE group_id = ? ORDER BY country`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	before.Members = []string{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		before.Members = append(before.Members, c)
	}
	return &before, rows.Err()
}

// UpdateCountryGroup saves an administrator's group.
func (db *DB) UpdateCountryGroup(ctx context.Context, g *accord.CountryGroup) error {
	if _, err := accord.RequireAdmin(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.editableGroup(g.ID, g.Version)
		if err != nil {
			return err
		}
		if err := tx.checkGroup(g); err != nil {
			return err
		}
		if err := tx.execVersioned("Country group", g.ID, g.Version, `UPDATE country_groups SET version = version + 1, code = ?, name_en = ?, name_fr = ?, name_ar = ? WHERE id = ? AND version = ?`,
			g.Code, g.NameEN, g.NameFR, g.NameAR, g.ID, g.Version); err != nil {
			return err
		}
		g.Version++
		if err := tx.setGroupMembers(g.ID, g.Members); err != nil {
			return err
		}
		return tx.audit("update", "country_group", g.ID, before, g)
	})
}

// DeleteCountryGroup deletes an administrator's group.
func (db *DB) DeleteCountryGroup(ctx context.Context, id int64, version int) error {
	if _, err := accord.RequireAdmin(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.editableGroup(id, version)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM country_groups WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.audit("delete", "country_group", id, before, nil)
	})
}
