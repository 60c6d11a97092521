package store

import (
	"context"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// searchable describes how the search box looks in one kind of record.
type searchable struct {
	kind, table, alias, title, snippet, extra string
	scope                                     func(w *where, a accord.Actor)
}

var searchables = map[string]searchable{
	"engagement": {kind: "engagement", table: "engagements", alias: "e", title: "e.title", snippet: "e.summary",
		scope: func(w *where, a accord.Actor) { engagementScope(w, a, "e") }},
	"agreement":    {kind: "agreement", table: "agreements", alias: "g", title: "g.title", snippet: "g.summary", scope: agreementScope},
	"action_point": {kind: "action_point", table: "action_points", alias: "ap", title: "ap.text", snippet: "ap.status_note", scope: actionPointScope},
	"plan":         {kind: "plan", table: "plans", alias: "pl", title: "pl.title", snippet: "pl.summary", scope: planScope},
	"activity":     {kind: "activity", table: "activities", alias: "x", title: "x.title", snippet: "x.description", scope: activityScope},
	"organization": {kind: "organization", table: "organizations", alias: "o", title: "o.name_en", snippet: "o.name_fr || ' · ' || o.name_ar",
		extra: "o.archived = FALSE", scope: func(w *where, a accord.Actor) { orgScope(w, a, "o") }},
	"person": {kind: "person", table: "people", alias: "p", title: "p.name", snippet: "p.honorific", extra: "p.archived = FALSE",
		scope: func(w *where, a accord.Actor) { personScope(w, a) }},
}

// Search finds, for each kind, the perKind best records by the words of q
// that the actor may see, ranked by the database's own full-text ranking
// (bm25 in SQLite's FTS5, ts_rank in PostgreSQL), and counts all matches.
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
	for _, kind := range accord.SearchKinds {
		s := searchables[kind]
		var w where
		var from, score string
		switch db.dialect {
		case SQLite:
			quoted := make([]string, len(terms))
			for i, t := range terms {
				quoted[i] = `"` + t + `"*`
			}
			if s.extra == "" && !a.IsPartner() {
				hits, total, err := db.searchRanked(ctx, s, strings.Join(quoted, " "), perKind)
				if err != nil {
					return nil, err
				}
				res.Hits, res.Total = append(res.Hits, hits...), res.Total+total
				continue
			}
			// bm25 works only in the full-text query itself, so rank there and join.
			from = "(SELECT rowid, -bm25(" + s.table + "_fts) AS rank FROM " + s.table + "_fts WHERE " + s.table + "_fts MATCH ?) m JOIN " +
				s.table + " " + s.alias + " ON " + s.alias + ".id = m.rowid"
			w.args = append(w.args, strings.Join(quoted, " "))
			score = "m.rank"
		case Postgres:
			quoted := make([]string, len(terms))
			for i, t := range terms {
				quoted[i] = "'" + t + "':*"
			}
			from = s.table + " " + s.alias
			w.add(s.alias+".search_tsv @@ to_tsquery('simple', ?)", strings.Join(quoted, " & "))
			score = "ts_rank(" + s.alias + ".search_tsv, to_tsquery('simple', '" + strings.ReplaceAll(strings.Join(quoted, " & "), "'", "''") + "'))"
		}
		if s.extra != "" {
			w.add(s.extra)
		}
		s.scope(&w, a)
		rows, err := db.queryRead(ctx, "SELECT "+s.alias+".id, "+s.title+", COALESCE("+s.snippet+", ''), "+score+" AS score, COUNT(*) OVER () FROM "+from+
			w.String()+" ORDER BY score DESC, "+s.alias+".id LIMIT ?", append(w.args, perKind)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			h := accord.SearchHit{Kind: kind}
			var total int
			if err := rows.Scan(&h.ID, &h.Title, &h.Snippet, &h.Score, &total); err != nil {
				rows.Close()
				return nil, err
			}
			if len(res.Hits) == 0 || res.Hits[len(res.Hits)-1].Kind != kind {
				res.Total += total
			}
			res.Hits = append(res.Hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return res, nil
}
