package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/refdata"
)

// loadReferenceData writes the code lists shipped in the binary into the
// database, once per version of them: a hash in meta says what is loaded.
// Built-in country groups are refreshed; groups admins defined are untouched.
func (db *DB) loadReferenceData(ctx context.Context) error {
	countries, groups := refdata.Countries(), refdata.Groups()
	lists := map[string][]accord.Code{}
	for _, t := range refdata.OrgTypes() {
		lists[accord.ListOrgTypes] = append(lists[accord.ListOrgTypes], accord.Code{Code: t.Code, NameEN: t.EN, NameFR: t.FR, NameAR: t.AR})
	}
	for _, c := range refdata.SectorCategories() {
		lists[accord.ListSectorCategories] = append(lists[accord.ListSectorCategories], accord.Code{Code: c.Code, NameEN: c.EN, NameFR: c.FR})
	}
	for _, s := range refdata.Sectors() {
		lists[accord.ListSectors] = append(lists[accord.ListSectors], accord.Code{Code: s.Code, Category: s.Category, NameEN: s.EN, NameFR: s.FR})
	}
	for _, c := range refdata.Currencies() {
		lists[accord.ListCurrencies] = append(lists[accord.ListCurrencies], accord.Code{Code: c.Code, NameEN: c.Name})
	}
	blob, err := json.Marshal([]any{countries, groups, lists})
	if err != nil {
		return err
	}
	sum := sha256.Sum256(blob)
	version := hex.EncodeToString(sum[:])

	defer db.reference.Clear()
	return db.inTx(ctx, func(tx *Tx) error {
		// Part of migrating: not held to the requests' statement timeout.
		if err := db.dialect.unhurried(tx); err != nil {
			return err
		}
		var have string
		err := tx.queryRow(`SELECT value FROM meta WHERE key = 'refdata'`).Scan(&have)
		if err == nil && have == version {
			return nil
		}
		for _, c := range countries {
			if _, err := tx.exec(`INSERT INTO countries (code, name_en, name_fr, name_ar) VALUES (?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_fr = excluded.name_fr, name_ar = excluded.name_ar`,
				c.Code, c.EN, c.FR, c.AR); err != nil {
				return err
			}
		}
		for list, codes := range lists {
			if _, err := tx.exec(`DELETE FROM codes WHERE list = ?`, list); err != nil {
				return err
			}
			for _, c := range codes {
				if _, err := tx.exec(`INSERT INTO codes (list, code, category, name_en, name_fr, name_ar) VALUES (?, ?, ?, ?, ?, ?)`,
					list, c.Code, c.Category, c.NameEN, c.NameFR, c.NameAR); err != nil {
					return err
				}
			}
		}
		for _, g := range groups {
			var id int64
			err := tx.queryRow(`INSERT INTO country_groups (code, name_en, name_fr, name_ar, built_in) VALUES (?, ?, ?, ?, TRUE)
				ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_fr = excluded.name_fr, name_ar = excluded.name_ar, built_in = TRUE
				RETURNING id`, g.Code, g.EN, g.FR, g.AR).Scan(&id)
			if err != nil {
				return err
			}
			if err := tx.setGroupMembers(id, g.Members); err != nil {
				return err
			}
		}
		_, err = tx.exec(`INSERT INTO meta (key, value) VALUES ('refdata', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, version)
		return err
	})
}
