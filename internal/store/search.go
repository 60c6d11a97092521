package store

import (
	"strings"
	"unicode"

	"github.com/accordhq/accord/internal/accord"
)

// searchTerms splits a query into folded words of letters and digits, so
// that nothing a user types reaches the full-text syntax of either database.
func searchTerms(q string) []string {
	return strings.FieldsFunc(accord.Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// matchWords adds a condition that every word of q starts a word of the
// record's search text: "sante" finds "Organisation mondiale de la Santé",
// "migr" finds "Migration". It uses the table's full-text index: FTS5 in
// SQLite, a GIN index over a stored tsvector in PostgreSQL.
func (db *DB) matchWords(w *where, table, alias, q string) {
	terms := searchTerms(q)
	if len(terms) == 0 {
		return
	}
	db.dialect.matchWords(w, table, alias, terms)
}

// ftsMatch is an FTS5 query for rows with every term as a word prefix.
func ftsMatch(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"*`
	}
	return strings.Join(quoted, " ")
}

// tsMatch is the same as a PostgreSQL tsquery.
func tsMatch(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = "'" + t + "':*"
	}
	return strings.Join(quoted, " & ")
}
