package store

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Options tune the connections to the database; the zero value is the
// default of each.
type Options struct {
	// PoolSize is the number of connections: PostgreSQL's pool, SQLite's
	// readers (its writer is always one connection). 0: a few per core.
	PoolSize int
	// ConnMaxLifetime closes a connection after this long, so that a pool
	// follows a database moved behind a proxy or failed over. 0: never.
	ConnMaxLifetime time.Duration
	// StatementTimeout bounds one statement: PostgreSQL's statement_timeout
	// (0: none), SQLite's busy timeout, how long a write waits for another
	// process's lock (0: 10 s). Migrations run without it.
	StatementTimeout time.Duration
}

// Validate names each option out of range.
func (o Options) Validate() error {
	var problems []string
	// Two at least: a migration holds one connection for its lock while it
	// loads the reference data on another.
	if o.PoolSize < 0 || o.PoolSize == 1 || o.PoolSize > 1000 {
		problems = append(problems, fmt.Sprintf("database pool size %d: must be between 2 and 1000 (0: %d, a few per core)", o.PoolSize, defaultPool()))
	}
	if o.ConnMaxLifetime != 0 && (o.ConnMaxLifetime < time.Second || o.ConnMaxLifetime > 24*time.Hour) {
		problems = append(problems, fmt.Sprintf("database connection lifetime %s: must be between 1s and 24h (0: unlimited)", o.ConnMaxLifetime))
	}
	if o.StatementTimeout != 0 && (o.StatementTimeout < 10*time.Millisecond || o.StatementTimeout > time.Hour) {
		problems = append(problems, fmt.Sprintf("database statement timeout %s: must be between 10ms and 1h (0: the default)", o.StatementTimeout))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// defaultPool is a few connections per core. More only makes the
// database's processes fight for the cores: on 2 cores, 20 PostgreSQL
// connections gave a p99 five times that of 8 (bench/api.sh).
func defaultPool() int { return max(4, 4*runtime.NumCPU()) }

func (o Options) postgresPool() int {
	if o.PoolSize == 0 {
		return defaultPool()
	}
	return o.PoolSize
}

// readers is SQLite's reader pool: 4 unless set, since SQLite's readers
// share the machine's cores with the server itself.
func (o Options) readers() int {
	if o.PoolSize == 0 {
		return 4
	}
	return o.PoolSize
}

func (o Options) sqliteBusyTimeout() time.Duration {
	if o.StatementTimeout == 0 {
		return 10 * time.Second
	}
	return o.StatementTimeout
}

// postgresDSN adds the statement timeout to the DSN as a run-time
// parameter, set by the server on every new connection; a timeout already
// in the DSN wins. The DSN is extended as text, since a URL naming several
// hosts (host1:5432,host2:5432) is not one that net/url parses.
func (o Options) postgresDSN(dsn string) string {
	if o.StatementTimeout == 0 || strings.Contains(dsn, "statement_timeout=") {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "statement_timeout=" + strconv.FormatInt(o.StatementTimeout.Milliseconds(), 10)
}
