package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/generate"
	"github.com/accordhq/accord/internal/store"
)

// Main runs the accord command. Its fields stand in for the process's
// streams and environment, so that tests can run commands in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

const usage = `accord: the system of record for cooperation between international organizations

Commands:
  accord serve [--addr 127.0.0.1:8080] [--demo] [--db DSN]   migrate, then serve the UI and API
  accord migrate [--db DSN]                                  apply database migrations
  accord user add --email E --name N --role R [--org ID]     add a user; password on stdin
  accord token create --email E [--name N]                   print a new API token on the last line
  accord backup --out FILE [--db DSN]                        consistent copy of a live SQLite database
  accord demo --scale N [--seed S] [--db DSN]                generate a synthetic organization into an empty
                                                             database (scale 1: 2,000 organizations, 100,000 engagements)
  accord extract [--published YYYY-MM-DD] [--json] FILE      propose records from a press release
  accord extract eval [-v] DIR                               score NNN.txt against NNN.gold.json
  accord version                                             print the version

The database is --db or ACCORD_DB: sqlite:accord.db (default) or postgres://USER@HOST/DB.
Roles: admin, editor, officer, viewer, partner (partners need --org).
`

// errUsage marks errors in how the command was called (exit status 2).
var errUsage = errors.New("usage")

// Run runs the command in args and returns the process exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	err := m.run(ctx, args)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(m.Stderr, "accord: %v\n\n%s", err, usage)
		return 2
	}
	fmt.Fprintf(m.Stderr, "accord: %v\n", err)
	return 1
}

func (m *Main) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	if len(rest) > 0 && (cmd == "user" || cmd == "token") {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	switch cmd {
	case "serve":
		return m.serve(ctx, rest)
	case "migrate":
		return m.migrate(ctx, rest)
	case "user add":
		return m.userAdd(ctx, rest)
	case "token create":
		return m.tokenCreate(ctx, rest)
	case "backup":
		return m.backup(ctx, rest)
	case "demo":
		return m.demo(ctx, rest)
	case "extract":
		return m.extractCmd(ctx, rest)
	case "version":
		fmt.Fprintln(m.Stdout, "accord", Version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// Version is the module version or VCS revision the binary was built from.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return info.Main.Version
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

// parse reads flags into a config that starts from the environment.
func (m *Main) parse(name string, args []string, serve bool, extra func(*flag.FlagSet)) (Config, error) {
	cfg, err := defaultConfig(m.Getenv)
	if err != nil {
		return cfg, err
	}
	fs := flag.NewFlagSet("accord "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	cfg.bindFlags(fs, serve)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	fs.Visit(func(f *flag.Flag) { cfg.secureCookiesSet = cfg.secureCookiesSet || f.Name == "secure-cookies" })
	cfg.defaultSecureCookies()
	return cfg, cfg.Validate()
}

func (m *Main) serve(ctx context.Context, args []string) error {
	cfg, err := m.parse("serve", args, true, nil)
	if err != nil {
		return err
	}
	logger := cfg.logger(m.Stderr)
	s, err := Start(ctx, cfg, logger)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Accord listening on %s/\n", s.URL)
	logger.Info("serving", "url", s.URL, "db", s.DB.Dialect(), "version", Version())
	return s.Wait(ctx)
}

// openDB opens and migrates the configured database for a one-off command.
func openDB(ctx context.Context, cfg Config) (*store.DB, error) {
	db, err := store.OpenWith(ctx, cfg.DB, cfg.DBOptions)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (m *Main) migrate(ctx context.Context, args []string) error {
	cfg, err := m.parse("migrate", args, false, nil)
	if err != nil {
		return err
	}
	db, err := store.OpenWith(ctx, cfg.DB, cfg.DBOptions)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "applied %d migration(s); %s database is up to date\n", n, db.Dialect())
	return nil
}

func (m *Main) userAdd(ctx context.Context, args []string) error {
	var email, name, role string
	var org int64
	cfg, err := m.parse("user add", args, false, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (required)")
		fs.StringVar(&name, "name", "", "full name (required)")
		fs.StringVar(&role, "role", "", "admin, editor, officer, viewer or partner (required)")
		fs.Int64Var(&org, "org", 0, "organization ID (required for partners)")
	})
	if err != nil {
		return err
	}
	password, err := bufio.NewReader(m.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	password = strings.TrimRight(password, "\r\n")
	if err := auth.CheckPasswordRules(password, email, name); err != nil {
		return fmt.Errorf("%v (the password is read from the first line of stdin)", err)
	}
	u := &accord.User{Email: email, Name: name, Role: accord.Role(role)}
	if org != 0 {
		u.OrgID = &org
	}
	if err := u.Validate(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CreateUser(accord.WithActor(ctx, accord.SystemActor), u, hash); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "user %d added: %s (%s)\n", u.ID, u.Email, u.Role)
	return nil
}

func (m *Main) tokenCreate(ctx context.Context, args []string) error {
	var email, name string
	cfg, err := m.parse("token create", args, false, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "the user the token acts as (required)")
		fs.StringVar(&name, "name", "command line", "a name to recognise the token by")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return fmt.Errorf("%w: --email is required", errUsage)
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u, _, err := db.UserByEmail(ctx, email)
	if err != nil {
		return fmt.Errorf("no user with email %s", email)
	}
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	t := &accord.Token{UserID: u.ID, Name: name}
	if err := db.CreateToken(accord.WithActor(ctx, accord.SystemActor), t, hash); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "token %d for %s (%s); it is shown only once:\n%s\n", t.ID, u.Email, u.Role, secret)
	return nil
}

func (m *Main) backup(ctx context.Context, args []string) error {
	var out string
	cfg, err := m.parse("backup", args, false, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "file to write (required; must not exist)")
	})
	if err != nil {
		return err
	}
	if out == "" {
		return fmt.Errorf("%w: --out is required", errUsage)
	}
	db, err := store.OpenWith(ctx, cfg.DB, cfg.DBOptions)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "backup written to %s\n", out)
	return nil
}

// demo generates a synthetic organization (package generate) with a progress bar.
func (m *Main) demo(ctx context.Context, args []string) error {
	opt := generate.Options{}
	cfg, err := m.parse("demo", args, false, func(fs *flag.FlagSet) {
		fs.Float64Var(&opt.Scale, "scale", 1, "size: 1 is about 2,000 organizations and 100,000 engagements; 0.1 is a tenth")
		fs.Uint64Var(&opt.Seed, "seed", 1, "random seed: the same seed gives the same records")
	})
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	bar := generate.NewBar(m.Stderr, generate.Expected(opt.Scale).Total())
	opt.Progress = bar.Add
	res, err := generate.Run(ctx, db, opt)
	bar.Done(err)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "generated %d organizations, %d people, %d users, %d engagements, %d action points, %d agreements, %d plans, %d activities, %d appeals, %d flows, %d news items, %d comments and %d contact messages in %s\n",
		res.Organizations, res.People, res.Users, res.Engagements, res.ActionPoints, res.Agreements, res.Plans, res.Activities, res.Appeals, res.Flows, res.News, res.Comments, res.Contacts,
		time.Since(start).Round(time.Millisecond))
	fmt.Fprintln(m.Stdout, "generated users have no password; to sign in, add your own: accord user add --email E --name N --role admin")
	return nil
}
