package store

import (
	"cmp"
	"context"
	"slices"

	"github.com/accordhq/accord/internal/accord"
)

// searchRanked is Search's query for one kind on SQLite when nothing but
// the words limits what the actor sees (staff, and kinds without archived
// records). One pass over the full-text index reads the newest
// accord.SearchWindow+1 matches with their bm25 score: that counts them (or
// shows there are more), and the best perKind are picked here, then read
// from the table by ID. Each query of a word prefix ("health"*) merges the
// index entries of every word it starts, which is most of the cost, so it
// is done once, not once to count, once to cut off and once to rank.
func (db *DB) searchRanked(ctx context.Context, s searchable, match string, perKind int) ([]accord.SearchHit, int, bool, error) {
	fts := s.table + "_fts"
	rows, err := db.queryRead(ctx, "SELECT rowid, -bm25("+fts+") FROM "+fts+" WHERE "+fts+" MATCH ? ORDER BY rowid DESC LIMIT ?", match, accord.SearchWindow+1)
	if err != nil {
		return nil, 0, false, err
	}
	var found []accord.SearchHit
	for rows.Next() {
		h := accord.SearchHit{Kind: s.kind}
		if err := rows.Scan(&h.ID, &h.Score); err != nil {
			rows.Close()
			return nil, 0, false, err
		}
		found = append(found, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(found) == 0 {
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
