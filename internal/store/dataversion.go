package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"golang.org/x/sync/singleflight"
)

// dataVersion names the state of one database: it moves whenever a
// change is committed to it, by this instance or any other, so two reads at
// one version see the same rows. What was counted at a version can be kept
// until the version moves (see counts).
//
// SQLite: PRAGMA data_version, which moves on a connection whenever another
// connection commits to the same file; it is read on one connection kept
// for it, since values from different connections cannot be compared.
// PostgreSQL: a counter that triggers bump with each write to a table that
// lists count, in this database and schema (migration 0024), so that writes
// to other databases on the same server leave the kept counts alone.
type dataVersion struct {
	mu    sync.Mutex
	db    *sql.DB // SQLite only: a pool of one connection, kept for this
	conn  *sql.Conn
	epoch int // bumped when conn is replaced, so that its values stay apart
}

// read reads SQLite's data version (see sqliteDialect.dataVersion).
func (v *dataVersion) read(ctx context.Context) (string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.conn == nil {
		c, err := v.db.Conn(ctx)
		if err != nil {
			return "", err
		}
		v.conn, v.epoch = c, v.epoch+1
	}
	var n int64
	if err := v.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&n); err != nil {
		v.conn.Close()
		v.conn = nil
		return "", err
	}
	return strconv.Itoa(v.epoch) + ":" + strconv.FormatInt(n, 10), nil
}

func (v *dataVersion) close() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.conn != nil {
		v.conn.Close()
		v.conn = nil
	}
	if v.db != nil {
		v.db.Close()
	}
}

// counts keeps the totals of list queries at one data version. The key is
// the count's SQL and arguments, which hold everything its answer depends
// on, the actor's scope included (role checks are in the queries), so one
// user's total is never shown to another who could not see the same rows.
type counts struct {
	mu      sync.Mutex
	version string
	byQuery map[string]int
	running singleflight.Group // misses being counted, by version and key
}

// countsKept bounds how many totals are kept for one version.
const countsKept = 10000

// count runs a COUNT query, or returns its answer from an earlier run at
// the same data version. Counting every overdue action point or every
// person takes a database a millisecond or more; reading the version, a
// few microseconds on SQLite and one round trip on PostgreSQL. Requests
// that miss the same total at once wait for one count: after a write every
// reader of a busy list misses together, and each recounting alone would
// multiply the database's work by the number of readers.
func (db *DB) count(ctx context.Context, query string, args ...any) (int, error) {
	if db.reader(ctx) != db.read { // a replica's count is never kept (see replica)
		return db.countNow(ctx, query, args)
	}
	version, err := db.dialect.dataVersion(ctx, db)
	if err != nil {
		return 0, err
	}
	key := query + "\x00" + fmt.Sprintf("%#v", args)
	c := &db.counts
	c.mu.Lock()
	n, ok := c.byQuery[key]
	ok = ok && c.version == version
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	shared := c.running.DoChan(version+"\x00"+key, func() (any, error) {
		n, err := db.countNow(ctx, query, args)
		if err != nil {
			return 0, err
		}
		c.mu.Lock()
		if c.version != version || len(c.byQuery) >= countsKept {
			c.version, c.byQuery = version, map[string]int{}
		}
		c.byQuery[key] = n
		c.mu.Unlock()
		return n, nil
	})
	select {
	case r := <-shared:
		if r.Err != nil && r.Shared && ctx.Err() == nil && isContextError(r.Err) {
			// The request that counted went away; this one has not.
			return db.countNow(ctx, query, args)
		}
		n, _ := r.Val.(int)
		return n, r.Err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// countNow runs a COUNT query.
func (db *DB) countNow(ctx context.Context, query string, args []any) (int, error) {
	var n int
	err := db.queryRowRead(ctx, query, args...).Scan(&n)
	return n, err
}

// isContextError reports whether err is a canceled or expired context's.
func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
