package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/accordhq/accord/internal/accord"
	"github.com/jackc/pgx/v5"
)

// searchable describes how the search box looks in one kind of record.
type searchable struct {
	kind, table, alias, title, snippet, extra string
	scope                                     func(w *where, a accord.Actor)
	words                                     func(w *where, a accord.Actor, terms []string) // what else the words must meet for the actor
}

var searchables = map[string]searchable{
	"engagement": {kind: "engagement", table: "engagements", alias: "e", title: "e.title", snippet: "e.summary",
		scope: func(w *where, a accord.Actor) { engagementScope(w, a, "e") }},
	"agreement": {kind: "agreement", table: "agreements", alias: "g", title: "g.title", snippet: "g.summary", scope: agreementScope},
	"action_point": {kind: "action_point", table: "action_points", alias: "ap", title: "ap.text", snippet: "ap.status_note", scope: actionPointScope,
		words: actionPointWordsScope},
	"plan":     {kind: "plan", table: "plans", alias: "pl", title: "pl.title", snippet: "pl.summary", scope: planScope},
	"activity": {kind: "activity", table: "activities", alias: "x", title: "x.title", snippet: "x.description", scope: activityScope},
	"organization": {kind: "organization", table: "organizations", alias: "o", title: "o.name_en", snippet: "o.name_fr || ' · ' || o.name_ar",
		extra: "o.archived = FALSE", scope: func(w *where, a accord.Actor) { orgScope(w, a, "o") }},
	"person": {kind: "person", table: "people", alias: "p", title: "p.name", snippet: "p.honorific", extra: "p.archived = FALSE",
		scope: func(w *where, a accord.Actor) { personScope(w, a) }, words: personWordsScope},
}

// Search finds, for each kind, the perKind best records by the words of q
// that the actor may see, ranked by the database's own full-text ranking
// (bm25 in SQLite's FTS5, ts_rank in PostgreSQL), and counts the matches.
//
// Ranking scores every match, so a word found in tens of thousands of
// records ("health") would cost seconds. Where a kind has more than
// accord.SearchWindow matches, only its SearchWindow most recent ones (the
// highest IDs) are ranked and counted, and the result says it was capped:
// the user is shown the best of the newest and asked for more words.
func (db *DB) Search(ctx context.Context, q string, perKind int) (*accord.SearchResult, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	res := &accord.SearchResult{Query: q, Hits: []accord.SearchHit{}}
	terms := searchTerms(q)
	if len(terms) == 0 {
		return res, nil
	}
	// While the machine has cores to spare, the kinds are searched at once,
	// each on a connection of its own: a search for a common word takes
	// about half as long on two cores. Under load, a search runs its kinds
	// one after another, as extra goroutines would only make every request
	// wait longer (bench/pages: p99 +25% with 16 users back to back).
	type found struct {
		hits   []accord.SearchHit
		total  int
		capped bool
		err    error
	}
	kinds := make([]found, len(accord.SearchKinds))
	search := func(i int) {
		s, f := searchables[accord.SearchKinds[i]], &kinds[i]
		if s.extra == "" && !a.IsPartner() {
			f.hits, f.total, f.capped, f.err = db.searchRanked(ctx, s, terms, perKind)
		} else {
			f.hits, f.total, f.capped, f.err = db.searchScoped(ctx, s, a, terms, perKind)
		}
	}
	var wg sync.WaitGroup
	for i := range kinds {
		select {
		case db.spareCores <- struct{}{}:
			wg.Go(func() {
				defer func() { <-db.spareCores }()
				search(i)
			})
		default:
			search(i)
		}
	}
	wg.Wait()
	for _, f := range kinds {
		if f.err != nil {
			return nil, f.err
		}
		res.Hits, res.Total, res.Capped = append(res.Hits, f.hits...), res.Total+f.total, res.Capped || f.capped
	}
	return res, nil
}

// searchScoped is Search's query for one kind where more than the words
// limit what the actor sees: the scope of a partner, archived records.
func (db *DB) searchScoped(ctx context.Context, s searchable, a accord.Actor, terms []string, perKind int) (_ []accord.SearchHit, _ int, _ bool, err error) {
	var w where
	var from, ranked, score string
	switch db.dialect {
	case SQLite:
		// bm25 works only in the full-text query itself, so rank there and join.
		fts := s.table + "_fts"
		join := ") m JOIN " + s.table + " " + s.alias + " ON " + s.alias + ".id = m.rowid"
		from = "(SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?" + join
		ranked = "(SELECT rowid, -bm25(" + fts + ") AS rank FROM " + fts + " WHERE " + fts + " MATCH ? AND rowid > ?" + join
		w.args = append(w.args, ftsMatch(terms))
		score = "m.rank"
	case Postgres:
		tsq := tsMatch(terms)
		from = s.table + " " + s.alias
		w.add(s.alias+".search_tsv @@ to_tsquery('simple', ?)", tsq)
		score = "ts_rank(" + s.alias + ".search_tsv, to_tsquery('simple', '" + strings.ReplaceAll(tsq, "'", "''") + "'))"
	}
	if s.extra != "" {
		w.add(s.extra)
	}
	s.scope(&w, a)
	if s.words != nil {
		s.words(&w, a, terms)
	}
	var cutoff int64
	var capped bool
	if db.dialect == Postgres {
		// Plan each search for its words: a plan cached for one word
		// (PostgreSQL's generic plan, after five runs) is wrong for another
		// ten times as common, and doubled the time of "health".
		w.args = append([]any{pgx.QueryExecModeExec}, w.args...)
		cutoff, capped, err = db.searchCutoffPG(ctx, s, w)
	} else {
		cutoff, capped, err = db.searchCutoff(ctx, "SELECT "+s.alias+".id FROM "+from+w.String()+" ORDER BY "+s.alias+".id DESC", w.args)
	}
	if err != nil {
		return nil, 0, false, err
	}
	var args []any
	if db.dialect == SQLite {
		// The cutoff goes inside the full-text query, which then scores
		// only the rows above it.
		from = ranked
		args = append([]any{w.args[0], cutoff}, w.args[1:]...)
	} else {
		w.add(s.alias+".id > ?", cutoff)
		args = w.args
	}
	rows, err := db.queryRead(ctx, "SELECT "+s.alias+".id, "+s.title+", COALESCE("+s.snippet+", ''), "+score+" AS score, COUNT(*) OVER () FROM "+from+
		w.String()+" ORDER BY score DESC, "+s.alias+".id LIMIT ?", append(args, perKind)...)
	if err != nil {
		return nil, 0, false, err
	}
	defer rows.Close()
	var hits []accord.SearchHit
	total := 0
	for rows.Next() {
		h := accord.SearchHit{Kind: s.kind}
		if err := rows.Scan(&h.ID, &h.Title, &h.Snippet, &h.Score, &total); err != nil {
			return nil, 0, false, err
		}
		hits = append(hits, h)
	}
	return hits, total, capped, rows.Err()
}

// searchCutoff returns the ID below the accord.SearchWindow most recent
// matches of query (IDs in descending order), and whether there is one;
// 0 when there are no more matches than that, so that "id > cutoff" keeps all.
func (db *DB) searchCutoff(ctx context.Context, query string, args []any) (int64, bool, error) {
	var cutoff int64
	err := db.queryRowRead(ctx, query+" LIMIT 1 OFFSET ?", append(append([]any{}, args...), accord.SearchWindow)...).Scan(&cutoff)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return cutoff, err == nil, err
}

// searchCutoffPG is searchCutoff for PostgreSQL, which has no index that
// gives matches in ID order: walking the primary key backwards and testing
// each row is fast when matches are dense ("health", half the rows) and
// slow when they are sparse (a surname in 3% of them), and the planner
// cannot tell which. So: count at most SearchWindow+1 matches through the
// full-text index; if there are more, look for the cutoff among the newest
// recentRows rows; if it is not there, matches are sparse and collecting
// them all through the index is cheap.
func (db *DB) searchCutoffPG(ctx context.Context, s searchable, w where) (int64, bool, error) {
	from := s.table + " " + s.alias + w.String()
	var n int
	if err := db.queryRowRead(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM "+from+" LIMIT ?) c", append(append([]any{}, w.args...), accord.SearchWindow+1)...).Scan(&n); err != nil {
		return 0, false, err
	}
	if n <= accord.SearchWindow {
		return 0, false, nil
	}
	recent := w
	recent.clauses = append(slices.Clone(w.clauses), s.alias+".id > "+recentBound(s.table))
	recent.args = append(slices.Clone(w.args), recentRows)
	cutoff, found, err := db.searchCutoff(ctx, "SELECT "+s.alias+".id FROM "+s.table+" "+s.alias+recent.String()+" ORDER BY "+s.alias+".id DESC", recent.args)
	if err != nil || found {
		return cutoff, true, err
	}
	cutoff, _, err = db.searchCutoff(ctx, "WITH m AS MATERIALIZED (SELECT "+s.alias+".id FROM "+from+") SELECT id FROM m ORDER BY id DESC", w.args)
	return cutoff, true, err
}
