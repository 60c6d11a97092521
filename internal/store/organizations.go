package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const orgColumns = `o.id, o.version, o.name_en, o.name_fr, o.name_ar, o.acronym, o.type, o.iati_id,
	COALESCE(o.hq_country, ''), o.parent_id, o.website, o.archived, o.created_at, o.updated_at`

func scanOrg(row interface{ Scan(...any) error }) (*accord.Organization, error) {
	o := &accord.Organization{}
	var parent sql.NullInt64
	var created, updated time.Time
	err := row.Scan(&o.ID, &o.Version, &o.NameEN, &o.NameFR, &o.NameAR, &o.Acronym, &o.Type, &o.IATIID,
		&o.HQCountry, &parent, &o.Website, &o.Archived, &created, &updated)
	if parent.Valid {
		o.ParentID = &parent.Int64
	}
	o.CreatedAt, o.UpdatedAt = created.UTC(), updated.UTC()
	return o, err
}

// orgScope limits organizations to what the actor may see: a partner sees its
// own organization and the organizations under it.
func orgScope(w *where, a accord.Actor, alias string) {
	if a.IsPartner() {
		w.add("("+alias+".id = ? OR "+alias+".parent_id = ?)", a.OrgID, a.OrgID)
	}
}

var orgOrder = map[string]string{
	"name": "o.name_en", "-name": "o.name_en DESC",
	"acronym": "o.acronym", "-acronym": "o.acronym DESC",
	"updated": "o.updated_at", "-updated": "o.updated_at DESC",
	"country": "o.hq_country", "-country": "o.hq_country DESC",
}

// ListOrganizations lists the organizations the actor may see.
func (db *DB) ListOrganizations(ctx context.Context, f accord.OrganizationFilter) ([]*accord.Organization, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	orgScope(&w, a, "o")
	db.matchWords(&w, "organizations", "o", f.Q)
	if f.Type != "" {
		w.add("o.type = ?", f.Type)
	}
	if f.Country != "" {
		w.add("o.hq_country = ?", strings.ToUpper(f.Country))
	}
	if f.ParentID != 0 {
		w.add("o.parent_id = ?", f.ParentID)
	}
	archived := false
	if f.Archived != nil {
		archived = *f.Archived
	}
	w.add("o.archived = ?", archived)

	order, ok := orgOrder[f.Sort]
	if !ok {
		order = "o.name_en"
	}
	var out []*accord.Organization
	total, err := db.pageCounted(ctx, listQuery{Count: countUnless(f.NoCount, "SELECT COUNT(*) FROM organizations o"+w.String()), CountArgs: w.args,
		Select: "SELECT " + orgColumns, From: "FROM organizations o" + w.String(), Order: " ORDER BY " + order + ", o.id", Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			o, err := scanOrg(row)
			out = append(out, o)
			return err
		})
	return out, total, err
}

// GetOrganization returns one organization the actor may see.
func (db *DB) GetOrganization(ctx context.Context, id int64) (*accord.Organization, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	w := where{}
	w.add("o.id = ?", id)
	orgScope(&w, a, "o")
	o, err := scanOrg(db.queryRowRead(ctx, "SELECT "+orgColumns+" FROM organizations o"+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Organization", id)
	}
	return o, err
}

func (tx *Tx) getOrganization(id int64) (*accord.Organization, error) {
	o, err := scanOrg(tx.queryRow("SELECT "+orgColumns+" FROM organizations o WHERE o.id = ?"+tx.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Organization", id)
	}
	return o, err
}

// checkOrganization checks what Validate cannot: codes against reference
// data, the parent's existence and the absence of cycles.
func (tx *Tx) checkOrganization(o *accord.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	var p accord.Problems
	if !tx.exists(`SELECT 1 FROM codes WHERE list = ? AND code = ?`, accord.ListOrgTypes, o.Type) {
		p.Add("type", "%q is not an IATI organisation type code", o.Type)
	}
	if o.HQCountry != "" && !tx.exists(`SELECT 1 FROM countries WHERE code = ?`, o.HQCountry) {
		p.Add("hq_country", "%q is not an ISO 3166-1 country code", o.HQCountry)
	}
	if o.ParentID != nil {
		// Walk up from the parent; meeting o itself would make a cycle.
		seen := map[int64]bool{}
		for id := *o.ParentID; id != 0; {
			if id == o.ID || seen[id] {
				p.Add("parent_id", "would make the organization its own ancestor")
				break
			}
			seen[id] = true
			var parent sql.NullInt64
			if err := tx.queryRow(`SELECT parent_id FROM organizations WHERE id = ?`, id).Scan(&parent); errors.Is(err, sql.ErrNoRows) {
				p.Add("parent_id", "organization %d does not exist", id)
				break
			} else if err != nil {
				return err
			}
			id = parent.Int64
		}
	}
	if o.IATIID != "" && tx.exists(`SELECT 1 FROM organizations WHERE iati_id = ? AND id <> ?`, o.IATIID, o.ID) {
		p.Add("iati_id", "%s is already used by another organization", o.IATIID)
	}
	return p.Err()
}

// exists reports whether query finds a row (see found for errors).
func (tx *Tx) exists(query string, args ...any) bool {
	var one int
	return tx.found(tx.queryRow(query, args...).Scan(&one))
}

// CreateOrganization stores a new organization and sets its ID and version.
func (db *DB) CreateOrganization(ctx context.Context, o *accord.Organization) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error { return tx.createOrganization(o) })
}

// createOrganization inserts a new organization, in a transaction of the caller's
// (CreateOrganization, the confirmation of a press release).
func (tx *Tx) createOrganization(o *accord.Organization) error {
	o.ID = 0
	if err := tx.checkOrganization(o); err != nil {
		return err
	}
	o.Version, o.Archived, o.CreatedAt, o.UpdatedAt = 1, false, tx.now, tx.now
	id, err := tx.insert(organizationsTable.insertSQL(), organizationRow(nil, o, tx.now, tx.now)...)
	if err != nil {
		return err
	}
	o.ID = id
	return tx.audit("create", "organization", id, nil, o)
}

// UpdateOrganization saves o if nobody changed it since o.Version was read.
func (db *DB) UpdateOrganization(ctx context.Context, o *accord.Organization) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.getOrganization(o.ID)
		if err != nil {
			return err
		}
		if before.Version != o.Version {
			return accord.Stale("Organization", o.ID, o.Version, before.Version)
		}
		if err := tx.checkOrganization(o); err != nil {
			return err
		}
		if err := tx.execVersioned("Organization", o.ID, o.Version, `UPDATE organizations SET version = version + 1, name_en = ?, name_fr = ?, name_ar = ?, acronym = ?, type = ?, iati_id = ?,
			hq_country = ?, parent_id = ?, website = ?, search = ?, updated_at = ? WHERE id = ? AND version = ?`,
			o.NameEN, o.NameFR, o.NameAR, o.Acronym, o.Type, o.IATIID, nullString(o.HQCountry), nullID(o.ParentID), o.Website, orgSearch(o), tx.now, o.ID, o.Version); err != nil {
			return err
		}
		o.Version, o.Archived, o.CreatedAt, o.UpdatedAt = o.Version+1, before.Archived, before.CreatedAt, tx.now
		return tx.audit("update", "organization", o.ID, before, o)
	})
}

// ArchiveOrganization archives or restores an organization.
func (db *DB) ArchiveOrganization(ctx context.Context, id int64, version int, archived bool) (*accord.Organization, error) {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return nil, err
	}
	var o *accord.Organization
	err := db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.getOrganization(id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return accord.Stale("Organization", id, version, before.Version)
		}
		if err := tx.execVersioned("Organization", id, version, `UPDATE organizations SET version = version + 1, archived = ?, updated_at = ? WHERE id = ? AND version = ?`,
			archived, tx.now, id, version); err != nil {
			return err
		}
		after := *before
		after.Version, after.Archived, after.UpdatedAt = version+1, archived, tx.now
		o = &after
		action := "archive"
		if !archived {
			action = "restore"
		}
		return tx.audit(action, "organization", id, before, o)
	})
	return o, err
}
