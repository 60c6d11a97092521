package store

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/accordhq/accord/internal/accord"
	"github.com/jackc/pgx/v5"
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
// (fewer if there are no more), newest first, with their scores.
//
// SQLite: one pass over the full-text index, which gives matches in ID
// order, scored by bm25.
//
// PostgreSQL: its full-text (GIN) index gives matches in no order, and
// walking the primary key backwards testing each row is fast when matches
// are dense ("health", half the rows) but slow when they are sparse (a
// surname in 3%), and the planner cannot tell which. So the matches among
// the newest recentRows rows are scored first, which the planner does
// either way at a bounded cost; only if they are too few, and the table
// has older rows, are the IDs of the older matches collected through the
// index, and the newest of them scored. Each query is planned for its
// words: a plan cached for one word (PostgreSQL's generic plan) is wrong
// for another ten times as common.
func (db *DB) searchWindow(ctx context.Context, s searchable, terms []string) ([]accord.SearchHit, error) {
	limit := accord.SearchWindow + 1
	if db.dialect == SQLite {
		fts := s.table + "_fts"
		return db.scoredIDs(ctx, s.kind, nil, "SELECT rowid, -bm25("+fts+") FROM "+fts+" WHERE "+fts+" MATCH ? ORDER BY rowid DESC LIMIT ?", ftsMatch(terms), limit)
	}
	tsq := tsMatch(terms)
	a, t := s.alias, s.table
	match := " WHERE " + a + ".search_tsv @@ to_tsquery('simple', ?)"
	scored := "SELECT " + a + ".id, ts_rank(" + a + ".search_tsv, to_tsquery('simple', ?))"
	bound := recentBound(t)
	older := int64(math.MaxInt64) // unknown until a row says
	found, err := db.scoredIDs(ctx, s.kind, &older, scored+", "+bound+" FROM "+t+" "+a+match+" AND "+a+".id > "+bound+
		" ORDER BY "+a+".id DESC LIMIT ?", pgx.QueryExecModeExec, tsq, recentRows, tsq, recentRows, limit)
	if err != nil || len(found) == limit || older == 0 {
		return found, err
	}
	more, err := db.scoredIDs(ctx, s.kind, nil, "WITH m AS MATERIALIZED (SELECT "+a+".id FROM "+t+" "+a+match+" AND "+a+".id <= ?), newest AS (SELECT id FROM m ORDER BY id DESC LIMIT ?) "+
		scored+" FROM newest JOIN "+t+" "+a+" ON "+a+".id = newest.id ORDER BY "+a+".id DESC", pgx.QueryExecModeExec, tsq, older, limit-len(found), tsq)
	return append(found, more...), err
}

// recentRows is how many of a table's newest rows (by ID) PostgreSQL
// searches in ID order before it turns to the full-text index.
const recentRows = 20000

// recentBound is the SQL of the ID below the newest recentRows rows of a
// table (its argument: recentRows). IDs are given in order, so those rows
// are, near enough, the ones above the highest ID less recentRows: found
// at once, where counting recentRows entries down the index took 1–2 ms.
func recentBound(table string) string {
	return "GREATEST((SELECT MAX(id) FROM " + table + ") - ?, 0)"
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
