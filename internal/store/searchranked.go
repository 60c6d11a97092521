package store

import (
	"cmp"
	"context"
	"slices"

	"github.com/accordhq/accord/internal/accord"
)

// searchRanked is Search's query for one kind when nothing but the words
// limits what the actor sees (staff, and kinds without archived records).
// The newest accord.SearchWindow+1 matches are read with their score in
// one pass (searchWindow): that counts them, or shows there are more, and
// the best perKind are picked here, then read from the table by ID.
func (db *DB) searchRanked(ctx context.Context, s searchable, terms []string, perKind int) ([]accord.SearchHit, int, bool, error) {
	found, err := db.searchWindow(ctx, s, terms)
	if err != nil || len(found) == 0 {
		return nil, 0, false, err
	}
	capped := len(found) > accord.SearchWindow
	if capped {
		found = found[:accord.SearchWindow]
	}
	total := len(found)
	slices.SortFunc(found, func(a, b accord.SearchHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	hits := found[:min(perKind, len(found))]
	byID := make(map[int64]*accord.SearchHit, len(hits))
	ids := make([]any, len(hits))
	for i := range hits {
		byID[hits[i].ID], ids[i] = &hits[i], hits[i].ID
	}
	texts, err := db.queryRead(ctx, "SELECT "+s.alias+".id, "+s.title+", COALESCE("+s.snippet+", '') FROM "+s.table+" "+s.alias+
		" WHERE "+s.alias+".id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return nil, 0, false, err
	}
	defer texts.Close()
	for texts.Next() {
		var id int64
		var title, snippet string
		if err := texts.Scan(&id, &title, &snippet); err != nil {
			return nil, 0, false, err
		}
		byID[id].Title, byID[id].Snippet = title, snippet
	}
	return slices.Clone(hits), total, capped, texts.Err()
}

// searchWindow returns the newest accord.SearchWindow+1 matches of a kind
// (fewer if there are no more), newest first, with their scores: the
// dialect's full-text index finds them (sqliteDialect.searchWindow,
// postgresDialect.searchWindow).
func (db *DB) searchWindow(ctx context.Context, s searchable, terms []string) ([]accord.SearchHit, error) {
	return db.dialect.searchWindow(ctx, db, s, terms)
}

// scoredIDs reads (ID, score) rows as search hits of one kind. With older
// set, each row also gives the highest ID the query did not search (0: it
// searched the whole table), read into older; with no row, older is left
// as it was.
func (db *DB) scoredIDs(ctx context.Context, kind string, older *int64, query string, args ...any) ([]accord.SearchHit, error) {
	rows, err := db.queryRead(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found []accord.SearchHit
	for rows.Next() {
		h := accord.SearchHit{Kind: kind}
		dest := []any{&h.ID, &h.Score}
		if older != nil {
			dest = append(dest, older)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		found = append(found, h)
	}
	return found, rows.Err()
}
