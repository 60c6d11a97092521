// Package app wires Accord together: configuration, the database, the web
// server, and the commands of the accord binary. Tests start it on port 0.
package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/mail"
	"github.com/accordhq/accord/internal/store"
)

// Config is Accord's configuration, from flags and ACCORD_* variables;
// flags win over the environment.
type Config struct {
	Addr          string        // ACCORD_ADDR
	DB            string        // ACCORD_DB
	Demo          bool          // ACCORD_DEMO
	LogFormat     string        // ACCORD_LOG_FORMAT: text or json
	LogLevel      string        // ACCORD_LOG_LEVEL: debug, info, warn, error
	SecureCookies bool          // ACCORD_SECURE_COOKIES: default on unless Addr is loopback (securecookies.go)
	SessionTTL    time.Duration // ACCORD_SESSION_TTL
	SMTP          mail.Config   // ACCORD_SMTP_*: the mail jobs when the host is set (smtp.go, mailjobs.go)
	Shutdown      Shutdown      // ACCORD_DRAIN_PERIOD, ACCORD_SHUTDOWN_GRACE (shutdown.go)
	DBOptions     store.Options // ACCORD_DB_POOL, ACCORD_DB_CONN_LIFETIME, ACCORD_DB_STATEMENT_TIMEOUT (database.go)
	NoMigrate     bool          // ACCORD_NO_MIGRATE: serve without migrating (database.go)
	Replica       ReadReplica   // ACCORD_DB_READ*: a read replica (replica.go)

	// TrustedProxies (ACCORD_TRUSTED_PROXIES) are CIDRs, comma-separated,
	// of the proxies whose forwarding headers are believed (proxies.go).
	TrustedProxies   string
	secureCookiesSet bool // by flag or environment: no default from the address
}

// defaultConfig reads the environment over the built-in defaults.
func defaultConfig(env func(string) string) (Config, error) {
	c := Config{Addr: "127.0.0.1:8080", DB: "sqlite:accord.db", LogFormat: "text", LogLevel: "info", SessionTTL: 12 * time.Hour}
	str := func(name string, dst *string) {
		if v := env(name); v != "" {
			*dst = v
		}
	}
	str("ACCORD_ADDR", &c.Addr)
	str("ACCORD_DB", &c.DB)
	str("ACCORD_LOG_FORMAT", &c.LogFormat)
	str("ACCORD_LOG_LEVEL", &c.LogLevel)
	str("ACCORD_TRUSTED_PROXIES", &c.TrustedProxies)
	c.secureCookiesSet = env("ACCORD_SECURE_COOKIES") != ""
	if err := errors.Join(envBool(env, "ACCORD_DEMO", &c.Demo), envBool(env, "ACCORD_SECURE_COOKIES", &c.SecureCookies),
		envDuration(env, "ACCORD_SESSION_TTL", &c.SessionTTL, "12h")); err != nil {
		return c, err
	}
	if err := c.smtpFromEnv(env); err != nil {
		return c, err
	}
	if err := c.Shutdown.fromEnv(env); err != nil {
		return c, err
	}
	if err := c.dbOptionsFromEnv(env); err != nil {
		return c, err
	}
	if err := c.replicaFromEnv(env); err != nil {
		return c, err
	}
	return c, nil
}

// envBool sets *dst from the variable name when it is set.
func envBool(env func(string) string, name string, dst *bool) error {
	if v := env(name); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%s=%q: must be true or false", name, v)
		}
		*dst = b
	}
	return nil
}

// envDuration sets *dst from the variable name when it is set; example
// shows the form in the refusal.
func envDuration(env func(string) string, name string, dst *time.Duration, example string) error {
	if v := env(name); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("%s=%q: must be a duration such as %s", name, v, example)
		}
		*dst = d
	}
	return nil
}

// bindFlags declares the flags shared by the commands that open the database.
func (c *Config) bindFlags(fs *flag.FlagSet, serve bool) {
	fs.StringVar(&c.DB, "db", c.DB, "database: sqlite:FILE or postgres://USER@HOST/DB (env ACCORD_DB)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json (env ACCORD_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn or error (env ACCORD_LOG_LEVEL)")
	c.bindDBFlags(fs, serve)
	if serve {
		fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on (env ACCORD_ADDR)")
		fs.BoolVar(&c.Demo, "demo", c.Demo, "load the demo world into an empty database (env ACCORD_DEMO)")
		fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure; default on unless --addr is loopback (env ACCORD_SECURE_COOKIES)")
		fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies, "comma-separated CIDRs of proxies whose X-Forwarded-For and Forwarded are believed (env ACCORD_TRUSTED_PROXIES)")
		fs.DurationVar(&c.SessionTTL, "session-ttl", c.SessionTTL, "how long a sign-in lasts (env ACCORD_SESSION_TTL)")
		c.bindSMTPFlags(fs)
		c.Shutdown.bindFlags(fs)
		c.bindReplicaFlags(fs)
	}
}

// Validate says, in one message, everything wrong with the configuration.
func (c *Config) Validate() error {
	var problems []string
	if _, _, err := store.ParseDSN(c.DB); err != nil {
		problems = append(problems, err.Error())
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		problems = append(problems, fmt.Sprintf("addr %q: must be HOST:PORT, e.g. 127.0.0.1:8080", c.Addr))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		problems = append(problems, fmt.Sprintf("log format %q: must be text or json", c.LogFormat))
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		problems = append(problems, err.Error())
	}
	if c.SessionTTL < time.Minute || c.SessionTTL > 30*24*time.Hour {
		problems = append(problems, fmt.Sprintf("session TTL %s: must be between 1m and 720h", c.SessionTTL))
	}
	if _, err := parseTrustedProxies(c.TrustedProxies); err != nil {
		problems = append(problems, err.Error())
	}
	problems = append(problems, c.SMTP.Problems()...)
	problems = append(problems, c.Shutdown.problems()...)
	if err := c.DBOptions.Validate(); err != nil {
		problems = append(problems, err.Error())
	}
	problems = append(problems, c.Replica.Problems(c.DB)...)
	if len(problems) > 0 {
		return fmt.Errorf("configuration: %s", strings.Join(problems, "; "))
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, fmt.Errorf("log level %q: must be debug, info, warn or error", s)
	}
	return l, nil
}

// logger returns the logger the configuration asks for.
func (c *Config) logger(w io.Writer) *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
