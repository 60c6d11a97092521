package app

import (
	"flag"
	"fmt"
	"time"

	"github.com/accordhq/accord/internal/store"
)

// ReadReplica is an optional PostgreSQL streaming replica for the reads
// that may lag a moment: dashboards, search and exports (store/replica.go).
type ReadReplica struct {
	DSN    string        // ACCORD_DB_READ; empty: every read goes to the primary
	MaxLag time.Duration // ACCORD_DB_READ_MAX_LAG: further behind, reads go back to the primary
}

const defaultMaxLag = 5 * time.Second

func (c *Config) replicaFromEnv(env func(string) string) error {
	c.Replica.DSN = env("ACCORD_DB_READ")
	c.Replica.MaxLag = defaultMaxLag
	return envDuration(env, "ACCORD_DB_READ_MAX_LAG", &c.Replica.MaxLag, "5s")
}

func (c *Config) bindReplicaFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Replica.DSN, "db-read", c.Replica.DSN, "PostgreSQL streaming replica for dashboards, search and exports (env ACCORD_DB_READ)")
	fs.DurationVar(&c.Replica.MaxLag, "db-read-max-lag", c.Replica.MaxLag, "further behind than this, reads go to the primary (env ACCORD_DB_READ_MAX_LAG)")
}

// Problems lists what is wrong with the replica's settings, given the
// primary's DSN.
func (r ReadReplica) Problems(primary string) []string {
	if r.DSN == "" {
		return nil
	}
	var problems []string
	d, _, err := store.ParseDSN(r.DSN)
	if err != nil {
		problems = append(problems, "read replica: "+err.Error())
	}
	if p, _, _ := store.ParseDSN(primary); err == nil && (d != store.Postgres || p != store.Postgres) {
		problems = append(problems, "read replica: only a PostgreSQL database (--db postgres://…) has streaming replicas (--db-read postgres://…)")
	}
	if r.MaxLag < 100*time.Millisecond || r.MaxLag > time.Hour {
		problems = append(problems, fmt.Sprintf("read replica lag bound %s: must be between 100ms and 1h", r.MaxLag))
	}
	return problems
}
