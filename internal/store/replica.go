package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// A read replica (ACCORD_DB_READ) takes off the primary the reads that may
// be a moment behind: the transports mark them with MayLag (dashboards,
// search, exports). Three rules keep what people see right:
//
//   - Everyone reads their own writes. When a signed-in user's write
//     transaction has committed, the primary's WAL position is recorded in
//     users.last_write_lsn; the replica serves that user only once it has
//     replayed past it. The position is in the database, so this holds
//     whichever instance the user's next request reaches.
//   - A replica further behind than the bound, or one that does not answer,
//     serves nobody: reads go to the primary, and ReplicaStatus says why
//     (/readyz shows it). It serves again as soon as it has caught up.
//   - What is kept between requests (list totals at a data version) is
//     never filled from the replica.
type replica struct {
	db     *sql.DB
	maxLag time.Duration
	cancel context.CancelFunc
	done   chan struct{}

	mu       sync.Mutex
	samples  []walSample // the primary's WAL position, oldest first, that the replica had not replayed when last checked
	replayed uint64      // the replica's replay position at the last check
	status   ReplicaStatus
}

type walSample struct {
	at  time.Time
	lsn uint64
}

// ReplicaStatus says whether the read replica serves reads, and why not.
type ReplicaStatus struct {
	Configured bool
	Serving    bool
	Lag        time.Duration // how long ago the primary had written what the replica has not replayed
	Reason     string        // why it does not serve, in words fit for the public /readyz (no hosts, no driver errors)
}

func (s ReplicaStatus) String() string {
	switch {
	case !s.Configured:
		return ""
	case s.Serving:
		return fmt.Sprintf("serving reads that may lag, %s behind the primary", s.Lag.Round(time.Millisecond))
	}
	return "not serving, reads go to the primary: " + s.Reason
}

// replicaCheckEvery is how often the replica's position is compared with
// the primary's: two small queries.
const replicaCheckEvery = 200 * time.Millisecond

// UseReplica sends the reads marked MayLag to the PostgreSQL streaming
// replica at dsn while it is at most maxLag behind the primary. A replica
// that cannot be reached now is not an error: reads go to the primary until
// it answers.
func (db *DB) UseReplica(ctx context.Context, dsn string, maxLag time.Duration) error {
	dialect, target, err := ParseDSN(dsn)
	if err != nil {
		return fmt.Errorf("read replica: %w", err)
	}
	if !db.dialect.streamsReplicas() || dialect != db.Dialect() {
		return fmt.Errorf("read replica %q: only a PostgreSQL database has streaming replicas, and both the database and the replica must be postgres:// DSNs", dsn)
	}
	if maxLag <= 0 {
		return fmt.Errorf("read replica: the bound on its lag must be positive, not %s", maxLag)
	}
	rdb, err := sql.Open("pgx", db.opts.postgresDSN(target))
	if err != nil {
		return fmt.Errorf("read replica: %w", err)
	}
	rdb.SetMaxOpenConns(db.opts.postgresPool())
	rdb.SetMaxIdleConns(db.opts.postgresPool())
	rdb.SetConnMaxLifetime(db.opts.ConnMaxLifetime)
	watch, cancel := context.WithCancel(context.Background())
	r := &replica{db: rdb, maxLag: maxLag, cancel: cancel, done: make(chan struct{})}
	r.check(ctx, db.write)
	db.replica = r
	go func() {
		defer close(r.done)
		t := time.NewTicker(replicaCheckEvery)
		defer t.Stop()
		for {
			select {
			case <-watch.Done():
				return
			case <-t.C:
				r.check(watch, db.write)
			}
		}
	}()
	return nil
}

// ReplicaStatus reports the read replica's state at its last check.
func (db *DB) ReplicaStatus() ReplicaStatus {
	if db.replica == nil {
		return ReplicaStatus{}
	}
	db.replica.mu.Lock()
	defer db.replica.mu.Unlock()
	return db.replica.status
}

func (r *replica) close() error {
	r.cancel()
	<-r.done
	return r.db.Close()
}

// check compares the replica's replay position with the primary's.
func (r *replica) check(ctx context.Context, primary *sql.DB) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	at := time.Now() // before the read: whatever committed by now is at or below the position read
	var p string
	perr := primary.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&p)
	var replay sql.NullString
	rerr := r.db.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn()::text`).Scan(&replay)
	plsn, perr2 := parseLSN(p)
	rlsn, rerr2 := parseLSN(replay.String)

	r.mu.Lock()
	defer r.mu.Unlock()
	down := func(reason string) { r.status = ReplicaStatus{Configured: true, Reason: reason} }
	switch {
	case perr != nil || perr2 != nil:
		down("the primary's WAL position could not be read")
		return
	case rerr != nil:
		down("the replica does not answer")
		return
	case !replay.Valid:
		down("the replica is not a standby: it has no replay position")
		return
	case rerr2 != nil:
		down("the replica's position could not be read")
		return
	}
	// Only the oldest position not yet replayed sets the lag: while the
	// replica lags, a sample every eighth of the bound is enough, so that a
	// replica stuck for days keeps a few thousand, not millions.
	if n := len(r.samples); n == 0 || r.samples[n-1].lsn != plsn && at.Sub(r.samples[n-1].at) >= r.maxLag/8 {
		r.samples = append(r.samples, walSample{at: at, lsn: plsn})
	}
	i := 0
	for i < len(r.samples) && r.samples[i].lsn <= rlsn {
		i++ // replayed: no longer needed to measure the lag
	}
	r.samples = r.samples[i:]
	r.replayed = rlsn
	lag := time.Duration(0)
	if len(r.samples) > 0 {
		lag = time.Since(r.samples[0].at)
	}
	r.status = ReplicaStatus{Configured: true, Serving: lag <= r.maxLag, Lag: lag}
	if lag > r.maxLag {
		r.status.Reason = fmt.Sprintf("it is %s behind the primary, more than the bound of %s", lag.Round(time.Millisecond), r.maxLag)
	}
}

// parseLSN reads PostgreSQL's text form of a WAL position, "16/B374D848".
func parseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("WAL position %q: not of the form 16/B374D848", s)
	}
	return h<<32 | l, nil
}

type mayLagKey struct{}

// lagChoice is one request's choice of reader, made at its first read so
// that all its reads see one database.
type lagChoice struct {
	once    sync.Once
	replica bool
}

// MayLag marks ctx as a request whose reads may come from the read replica
// (a dashboard, a search, an export).
func MayLag(ctx context.Context) context.Context {
	return context.WithValue(ctx, mayLagKey{}, &lagChoice{})
}

// reader is the pool a read of ctx goes to: the replica for a request
// marked MayLag while the replica serves and has replayed the actor's own
// last write; the primary's read pool otherwise.
func (db *DB) reader(ctx context.Context) *sql.DB {
	r := db.replica
	if r == nil {
		return db.read
	}
	choice, ok := ctx.Value(mayLagKey{}).(*lagChoice)
	if !ok {
		return db.read
	}
	// Reads before the actor is known (the session or token lookup) go to
	// the primary, and the choice waits for the actor: a sign-in made a
	// moment ago is found, and the actor's own writes decide.
	if _, known := accord.ActorFrom(ctx); !known {
		return db.read
	}
	choice.once.Do(func() { choice.replica = db.replicaServes(ctx, r) })
	if choice.replica {
		return r.db
	}
	return db.read
}

func (db *DB) replicaServes(ctx context.Context, r *replica) bool {
	r.mu.Lock()
	serving, replayed := r.status.Serving, r.replayed
	r.mu.Unlock()
	if !serving {
		return false
	}
	actor, _ := accord.ActorFrom(ctx)
	if actor.UserID == 0 {
		return true // the system actor has no writes of its own to see
	}
	var lsn sql.NullString
	if err := db.read.QueryRowContext(ctx, db.q(`SELECT last_write_lsn FROM users WHERE id = ?`), actor.UserID).Scan(&lsn); err != nil {
		return false
	}
	if !lsn.Valid {
		return true
	}
	written, err := parseLSN(lsn.String)
	return err == nil && replayed >= written
}

// recordWrite notes, after a user's write transaction committed, the
// primary's WAL position, which is past that commit. It runs only with a
// replica. A failure is not the write's: the write stays, and that user
// may read from the primary or, at worst, miss it on one replica read.
func (db *DB) recordWrite(ctx context.Context) {
	actor, ok := accord.ActorFrom(ctx)
	if db.replica == nil || !ok || actor.UserID == 0 {
		return
	}
	// The write is done even if the client has gone; so is noting it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_, _ = db.write.ExecContext(ctx, `UPDATE users SET last_write_lsn = pg_current_wal_lsn()::text WHERE id = $1`, actor.UserID)
}
