package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/store"
)

// dbOptionsFromEnv reads ACCORD_DB_POOL, ACCORD_DB_CONN_LIFETIME,
// ACCORD_DB_STATEMENT_TIMEOUT and ACCORD_NO_MIGRATE.
func (c *Config) dbOptionsFromEnv(env func(string) string) error {
	if v := env("ACCORD_DB_POOL"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("ACCORD_DB_POOL=%q: must be a number of connections such as 8", v)
		}
		c.DBOptions.PoolSize = n
	}
	return errors.Join(envDuration(env, "ACCORD_DB_CONN_LIFETIME", &c.DBOptions.ConnMaxLifetime, "30s"),
		envDuration(env, "ACCORD_DB_STATEMENT_TIMEOUT", &c.DBOptions.StatementTimeout, "30s"),
		envBool(env, "ACCORD_NO_MIGRATE", &c.NoMigrate))
}

func (c *Config) bindDBFlags(fs *flag.FlagSet, serve bool) {
	o := &c.DBOptions
	fs.IntVar(&o.PoolSize, "db-pool", o.PoolSize, "database connections (SQLite: readers); 0: a few per core (env ACCORD_DB_POOL)")
	fs.DurationVar(&o.ConnMaxLifetime, "db-conn-lifetime", o.ConnMaxLifetime, "close database connections after this long; 0: never (env ACCORD_DB_CONN_LIFETIME)")
	fs.DurationVar(&o.StatementTimeout, "db-statement-timeout", o.StatementTimeout,
		"PostgreSQL: statement_timeout (0: none); SQLite: how long a write waits for a lock (0: 10s) (env ACCORD_DB_STATEMENT_TIMEOUT)")
	if serve {
		fs.BoolVar(&c.NoMigrate, "no-migrate", c.NoMigrate, "do not migrate; refuse to start if the database lacks this binary's migrations (env ACCORD_NO_MIGRATE)")
	}
}

// checkMigrated is serve --no-migrate's check, for rolling deploys where
// `accord migrate` runs once before the new instances start. A database
// behind the binary is refused. One ahead of it (migrated by a newer
// binary while this one still serves) is accepted with a warning, since
// migrations are written to keep the previous release working (migrate.go).
func checkMigrated(ctx context.Context, db *store.DB, logger *slog.Logger) error {
	missing, unknown, err := db.MigrationState(ctx)
	if err != nil {
		return fmt.Errorf("--no-migrate: reading the database's migrations: %w", err)
	}
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, m := range missing {
			names[i] = m.Name
		}
		return fmt.Errorf("--no-migrate: the database lacks %d migration(s) of this binary (%s); run `accord migrate` with this binary first",
			len(missing), strings.Join(names, ", "))
	}
	if len(unknown) > 0 {
		logger.Warn("the database has migrations this binary does not know (a newer binary applied them); serving anyway", "versions", unknown)
	}
	return nil
}
