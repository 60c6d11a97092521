package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"

	"github.com/accordhq/accord/internal/accord"
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
// Only the accord.SearchWindow newest matches are ranked; how they are
// found and scored is the dialect's (scopedMatch, scopedWindow).
func (db *DB) searchScoped(ctx context.Context, s searchable, a accord.Actor, terms []string, perKind int) ([]accord.SearchHit, int, bool, error) {
	var w where
	from, score := db.dialect.scopedMatch(s, terms, &w)
	if s.extra != "" {
		w.add(s.extra)
	}
	s.scope(&w, a)
	if s.words != nil {
		s.words(&w, a, terms)
	}
	from, w, capped, err := db.dialect.scopedWindow(ctx, db, s, from, w)
	if err != nil {
		return nil, 0, false, err
	}
	rows, err := db.queryRead(ctx, "SELECT "+s.alias+".id, "+s.title+", COALESCE("+s.snippet+", ''), "+score+" AS score, COUNT(*) OVER () FROM "+from+
		w.String()+" ORDER BY score DESC, "+s.alias+".id LIMIT ?", append(w.args, perKind)...)
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
