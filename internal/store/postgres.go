package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/jackc/pgx/v5"
)

// postgresDialect is PostgreSQL, the store for production and for several
// Accord instances on one database: one pool for reads and writes, row
// locks, a stored tsvector with a GIN index for full-text search. Its
// counterpart is sqliteDialect (sqlite.go).
type postgresDialect struct{}

func (postgresDialect) name() Dialect { return Postgres }

// open opens one pool, and stamps writes with the database's clock (see
// DB.clockFromDB).
func (postgresDialect) open(db *DB, target string) error {
	db.clockFromDB = true
	var err error
	if db.write, err = sql.Open("pgx", db.opts.postgresDSN(target)); err != nil {
		return err
	}
	db.write.SetMaxOpenConns(db.opts.postgresPool())
	db.write.SetMaxIdleConns(db.opts.postgresPool())
	db.write.SetConnMaxLifetime(db.opts.ConnMaxLifetime)
	db.read = db.write
	return nil
}

// rebind rewrites "?" placeholders as "$1, $2, …".
func (postgresDialect) rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// preparesReads: the driver caches prepared statements itself.
func (postgresDialect) preparesReads() bool { return false }

// lockRow locks the row, so that concurrent writers at one version queue
// and the later ones see the new version.
func (postgresDialect) lockRow() string { return " FOR UPDATE" }

func (postgresDialect) lockRowOf(alias string) string { return " FOR UPDATE OF " + alias }

func (postgresDialect) skipLocked() string { return " FOR UPDATE SKIP LOCKED" }

// takeWriteLock asks for a transaction ID, which a read-only server refuses.
func (postgresDialect) takeWriteLock(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_current_xact_id()`)
	return err
}

func (postgresDialect) unhurried(tx *Tx) error {
	_, err := tx.exec(`SET LOCAL statement_timeout = 0`)
	return err
}

// matchWords matches through the GIN index over the stored tsvector.
func (postgresDialect) matchWords(w *where, _, alias string, terms []string) {
	w.add(alias+".search_tsv @@ to_tsquery('simple', ?)", tsMatch(terms))
}

// searchWindow: the full-text (GIN) index gives matches in no order, and
// walking the primary key backwards testing each row is fast when matches
// are dense ("health", half the rows) but slow when they are sparse (a
// surname in 3%), and the planner cannot tell which. So the matches among
// the newest recentRows rows are scored first, which the planner does
// either way at a bounded cost; only if they are too few, and the table
// has older rows, are the IDs of the older matches collected through the
// index, and the newest of them scored. Each query is planned for its
// words: a plan cached for one word (PostgreSQL's generic plan) is wrong
// for another ten times as common.
func (postgresDialect) searchWindow(ctx context.Context, db *DB, s searchable, terms []string) ([]accord.SearchHit, error) {
	limit := accord.SearchWindow + 1
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

// scopedMatch searches the table, scored by ts_rank.
func (postgresDialect) scopedMatch(s searchable, terms []string, w *where) (string, string) {
	tsq := tsMatch(terms)
	w.add(s.alias+".search_tsv @@ to_tsquery('simple', ?)", tsq)
	return s.table + " " + s.alias, "ts_rank(" + s.alias + ".search_tsv, to_tsquery('simple', '" + strings.ReplaceAll(tsq, "'", "''") + "'))"
}

// scopedWindow ranks the matches above the cutoff. Each search is planned
// for its words: a plan cached for one word (PostgreSQL's generic plan,
// after five runs) is wrong for another ten times as common, and doubled
// the time of "health".
func (postgresDialect) scopedWindow(ctx context.Context, db *DB, s searchable, from string, w where) (string, where, bool, error) {
	w.args = append([]any{pgx.QueryExecModeExec}, w.args...)
	cutoff, capped, err := searchCutoffPG(ctx, db, s, w)
	if err != nil {
		return "", w, false, err
	}
	w.add(s.alias+".id > ?", cutoff)
	return from, w, capped, nil
}

// searchCutoffPG is DB.searchCutoff for PostgreSQL, which has no index
// that gives matches in ID order: walking the primary key backwards and
// testing each row is fast when matches are dense ("health", half the
// rows) and slow when they are sparse (a surname in 3% of them), and the
// planner cannot tell which. So: count at most SearchWindow+1 matches
// through the full-text index; if there are more, look for the cutoff
// among the newest recentRows rows; if it is not there, matches are
// sparse and collecting them all through the index is cheap.
func searchCutoffPG(ctx context.Context, db *DB, s searchable, w where) (int64, bool, error) {
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

// indexedBy: PostgreSQL has no hints, and its planner picks the index itself.
func (postgresDialect) indexedBy(string) string { return "" }

// dataVersion is the sum of the data_version rows, which triggers bump
// with every write to what lists count (migration 0024).
func (postgresDialect) dataVersion(ctx context.Context, db *DB) (string, error) {
	var v string
	err := db.queryRowRead(ctx, `SELECT sum(version)::text FROM data_version`).Scan(&v)
	return v, err
}

// The PostgreSQL migration lock: the two-key form, keyed by the schema.
const (
	migrationLock   = `SELECT pg_try_advisory_lock(7226001, hashtext(current_schema()))`
	migrationUnlock = `SELECT pg_advisory_unlock(7226001, hashtext(current_schema()))`
	// migrationLockPoll is how often an instance waiting for another's
	// migration asks for the lock again.
	migrationLockPoll = 50 * time.Millisecond
)

// lockMigrations takes a session-level advisory lock on conn, waiting for
// another instance's migration to end. A migration (or that wait) may take
// longer than the statement timeout the requests are held to, so conn has
// none until unlocked.
//
// The wait polls (pg_try_advisory_lock) instead of blocking in
// pg_advisory_lock: a statement blocked there holds a snapshot, and the
// migrating instance's CREATE INDEX CONCURRENTLY waits for every snapshot
// older than itself to end, a deadlock between the two instances.
func (postgresDialect) lockMigrations(ctx context.Context, conn *sql.Conn) (func(), error) {
	if _, err := conn.ExecContext(ctx, `SET statement_timeout = 0`); err != nil {
		return nil, err
	}
	reset := func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `RESET statement_timeout`) }
	for {
		var locked bool
		if err := conn.QueryRowContext(ctx, migrationLock).Scan(&locked); err != nil {
			reset()
			return nil, fmt.Errorf("waiting for the migration lock: %w", err)
		}
		if locked {
			break
		}
		select {
		case <-ctx.Done():
			reset()
			return nil, fmt.Errorf("waiting for the migration lock: %w", ctx.Err())
		case <-time.After(migrationLockPoll):
		}
	}
	return func() {
		// Unlocked explicitly because the pool keeps the session open.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), migrationUnlock)
		reset()
	}, nil
}

func (postgresDialect) singleWriter() bool { return false }

func (postgresDialect) backup(context.Context, *DB, string) error {
	return fmt.Errorf("backup: use pg_dump for PostgreSQL, e.g. pg_dump -Fc -f accord.dump DBNAME")
}

func (postgresDialect) streamsReplicas() bool { return true }

// beginBulk lets the full-text indexes collect the load's entries in their
// pending lists (deferGIN).
func (postgresDialect) beginBulk(b *BulkWriter) error {
	if err := b.begin(); err != nil {
		return err
	}
	return b.deferGIN()
}

// endBulk moves the ID sequences past the IDs written and analyzes the
// tables, so that plans fit the new sizes.
func (postgresDialect) endBulk(b *BulkWriter) error {
	for _, t := range b.written {
		if _, ok := b.nextID[t]; ok {
			if _, err := b.db.write.ExecContext(b.ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), MAX(id)) FROM `+t+` HAVING MAX(id) IS NOT NULL`); err != nil {
				return fmt.Errorf("sequence of %s: %w", t, err)
			}
		}
	}
	_, err := b.db.write.ExecContext(b.ctx, `ANALYZE `+strings.Join(b.written, ", "))
	return err
}

// pauseTotals sets a setting of the transaction that the triggers read.
func (postgresDialect) pauseTotals(pause bool) string {
	if pause {
		return `SELECT set_config('accord.funding_totals', 'paused', TRUE)`
	}
	return `SELECT set_config('accord.funding_totals', '', TRUE)`
}
