package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// sqliteDialect is SQLite, the embedded default: one file, one writer
// connection beside a pool of readers, FTS5 for full-text search. Its
// counterpart is postgresDialect (postgres.go).
type sqliteDialect struct{}

func (sqliteDialect) name() Dialect { return SQLite }

// open opens three pools on the file: the writer, one connection that
// begins every transaction with BEGIN IMMEDIATE, so that writers queue
// instead of failing with SQLITE_BUSY; the readers; and one connection
// kept for the data version.
func (sqliteDialect) open(db *DB, target string) error {
	// busy_timeout first, so that the other pragmas wait for a lock too.
	// A larger page cache and memory-mapped reads: with the default 2 MB
	// cache, readers of a large database re-read pages from the file
	// (bench/pages measured about twice the throughput with these).
	pragmas := "_pragma=busy_timeout(" + strconv.FormatInt(db.opts.sqliteBusyTimeout().Milliseconds(), 10) + ")&_pragma=journal_mode(WAL)&_pragma=foreign_keys(ON)&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-32768)&_pragma=mmap_size(268435456)&_time_format=sqlite"
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	var err error
	if db.write, err = sql.Open("sqlite", "file:"+target+sep+pragmas+"&_txlock=immediate"); err != nil {
		return err
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetConnMaxIdleTime(0)
	if db.read, err = sql.Open("sqlite", "file:"+target+sep+pragmas); err != nil {
		return err
	}
	db.read.SetMaxOpenConns(db.opts.readers())
	db.read.SetMaxIdleConns(db.opts.readers())
	db.read.SetConnMaxLifetime(db.opts.ConnMaxLifetime)
	if db.version.db, err = sql.Open("sqlite", "file:"+target+sep+pragmas); err != nil {
		return err
	}
	db.version.db.SetMaxOpenConns(1)
	return nil
}

// rebind leaves "?", SQLite's own placeholder.
func (sqliteDialect) rebind(query string) string { return query }

// preparesReads: the driver prepares each statement anew, and parsing is a
// tenth of a search's cost (see DB.prepared).
func (sqliteDialect) preparesReads() bool { return true }

// The locks are empty: the single writer connection already serialises
// the writers, and BEGIN IMMEDIATE takes the write lock.
func (sqliteDialect) lockRow() string                              { return "" }
func (sqliteDialect) lockRowOf(string) string                      { return "" }
func (sqliteDialect) skipLocked() string                           { return "" }
func (sqliteDialect) takeWriteLock(context.Context, *sql.Tx) error { return nil }

// unhurried: SQLite has no statement timeout, only the busy timeout.
func (sqliteDialect) unhurried(*Tx) error { return nil }

// lockMigrations: the migration's connection is the single writer, itself
// the lock, with BEGIN IMMEDIATE against another process on the file.
func (sqliteDialect) lockMigrations(context.Context, *sql.Conn) (func(), error) {
	return func() {}, nil
}

func (sqliteDialect) singleWriter() bool { return true }

// matchWords matches through the table's FTS5 index.
func (sqliteDialect) matchWords(w *where, table, alias string, terms []string) {
	w.add(alias+".id IN (SELECT rowid FROM "+table+"_fts WHERE "+table+"_fts MATCH ?)", ftsMatch(terms))
}

// searchWindow is one pass over the full-text index, which gives matches
// in ID order, scored by bm25.
func (sqliteDialect) searchWindow(ctx context.Context, db *DB, s searchable, terms []string) ([]accord.SearchHit, error) {
	fts := s.table + "_fts"
	return db.scoredIDs(ctx, s.kind, nil, "SELECT rowid, -bm25("+fts+") FROM "+fts+" WHERE "+fts+" MATCH ? ORDER BY rowid DESC LIMIT ?", ftsMatch(terms), accord.SearchWindow+1)
}

// scopedMatch searches the full-text index joined to the table: bm25
// works only in the full-text query itself, so it ranks there (scopedWindow).
func (sqliteDialect) scopedMatch(s searchable, terms []string, w *where) (string, string) {
	fts := s.table + "_fts"
	w.args = append(w.args, ftsMatch(terms))
	return "(SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?" + ftsJoin(s), "m.rank"
}

// scopedWindow puts the cutoff inside the full-text query, which then
// scores only the rows above it.
func (sqliteDialect) scopedWindow(ctx context.Context, db *DB, s searchable, from string, w where) (string, where, bool, error) {
	cutoff, capped, err := db.searchCutoff(ctx, "SELECT "+s.alias+".id FROM "+from+w.String()+" ORDER BY "+s.alias+".id DESC", w.args)
	if err != nil {
		return "", w, false, err
	}
	fts := s.table + "_fts"
	ranked := "(SELECT rowid, -bm25(" + fts + ") AS rank FROM " + fts + " WHERE " + fts + " MATCH ? AND rowid > ?" + ftsJoin(s)
	w.args = append([]any{w.args[0], cutoff}, w.args[1:]...)
	return ranked, w, capped, nil
}

// ftsJoin ends a full-text subquery and joins its rows to the table's.
func ftsJoin(s searchable) string {
	return ") m JOIN " + s.table + " " + s.alias + " ON " + s.alias + ".id = m.rowid"
}

// indexedBy: SQLite, without statistics, may prefer another index.
func (sqliteDialect) indexedBy(index string) string { return " INDEXED BY " + index }

// dataVersion is PRAGMA data_version, on the connection kept for it.
func (sqliteDialect) dataVersion(ctx context.Context, db *DB) (string, error) {
	return db.version.read(ctx)
}

// backup uses VACUUM INTO (backup.go).
func (sqliteDialect) backup(ctx context.Context, db *DB, path string) error {
	return vacuumInto(ctx, db.read, path)
}

func (sqliteDialect) streamsReplicas() bool { return false }

// beginBulk sets the writer connection up for the load: synchronous=OFF
// (a crash mid-load loses only the load, which is one transaction anyway),
// statement journals in memory (each multi-row INSERT keeps one, and
// writing it to a file cost a fifth of the load) and a 32 MiB page cache.
// A larger cache was no faster, and freeing it afterwards alone took
// seconds. The settings are restored when the load ends.
func (sqliteDialect) beginBulk(b *BulkWriter) error {
	db, ctx := b.db, b.ctx
	var temp, cache string
	if err := db.write.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&temp); err != nil {
		return err
	}
	if err := db.write.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return err
	}
	for _, p := range []string{`PRAGMA synchronous = OFF`, `PRAGMA temp_store = MEMORY`, `PRAGMA cache_size = -32768`} {
		if _, err := db.write.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	b.restore = []string{`PRAGMA synchronous = NORMAL`, `PRAGMA temp_store = ` + temp, `PRAGMA cache_size = ` + cache}
	return b.begin()
}

// endBulk folds the write-ahead log, through which the load went, into the
// database file and empties it, rather than leave a log as large as the data.
func (sqliteDialect) endBulk(b *BulkWriter) error {
	_, err := b.db.write.ExecContext(b.ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// pauseTotals marks the pause in a table the triggers read.
func (sqliteDialect) pauseTotals(pause bool) string {
	if pause {
		return `INSERT INTO funding_totals_paused (paused) VALUES (1) ON CONFLICT DO NOTHING`
	}
	return `DELETE FROM funding_totals_paused`
}
