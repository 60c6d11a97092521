package store

import (
	"context"
	"sync"
	"time"
)

// clockRefresh is how often Clock measures the database server's clock
// against this instance's: one round trip, paid by one request.
const clockRefresh = 10 * time.Second

// dbClock is the offset of the database server's clock from this
// instance's, as last measured.
type dbClock struct {
	mu       sync.Mutex
	offset   time.Duration
	measured time.Time // by the monotonic clock; zero: never
}

// Clock is the time as the database server has it. On PostgreSQL it is
// db.Now corrected by the offset between it and the server's clock,
// measured again at most every clockRefresh; on SQLite, whose instances
// share one machine, and once a test has set the clock (UseClock), it is
// db.Now. Instances whose own clocks drift then agree, with each other and
// with what the database stamps, on when a scheduled item goes public or a
// sign-in expires.
func (db *DB) Clock() time.Time {
	if !db.clockFromDB {
		return db.Now()
	}
	c := &db.clock
	c.mu.Lock()
	if c.measured.IsZero() || time.Since(c.measured) > clockRefresh {
		c.measured = time.Now() // others use the old offset meanwhile
		c.mu.Unlock()
		db.measureClock()
		c.mu.Lock()
	}
	offset := c.offset
	c.mu.Unlock()
	return db.Now().Add(offset)
}

// measureClock reads the server's clock, taking it to be read half-way
// through the round trip. A failure keeps the last offset: the database
// being down is reported by what needs it.
func (db *DB) measureClock() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	before := db.Now()
	start := time.Now()
	var server time.Time
	if err := db.write.QueryRowContext(ctx, `SELECT clock_timestamp()`).Scan(&server); err != nil {
		return
	}
	local := before.Add(time.Since(start) / 2)
	db.clock.mu.Lock()
	db.clock.offset = server.Sub(local)
	db.clock.mu.Unlock()
}

// today is the store's clock where a day is meant ("overdue", "cannot be
// in the future", "expiring"): in UTC, the time zone Accord's dates are
// judged in, whatever zone a test's clock carries.
func (db *DB) today() time.Time { return db.Clock().UTC() }
