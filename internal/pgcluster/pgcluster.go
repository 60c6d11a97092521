// Package pgcluster starts throwaway PostgreSQL servers from the machine's
// own PostgreSQL binaries: a primary, and streaming replicas of it made with
// pg_basebackup. The read-replica tests and the cluster harness use it, so
// that replication is tried for real rather than imitated.
package pgcluster

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to wait for a replica to catch up
)

// Server is one running PostgreSQL server with its data directory.
type Server struct {
	Dir  string // data directory; the log is Dir/server.log
	Port int
	bin  string
}

// ErrNoPostgres says that this machine has no PostgreSQL server binaries.
var ErrNoPostgres = errors.New("pgcluster: no PostgreSQL server binaries (initdb) found under /usr/lib/postgresql or on PATH")

// binDir finds the newest /usr/lib/postgresql/N/bin (Debian's layout), or
// else the directory that initdb on PATH really lives in.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(dirs) > 0 {
		sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
		return filepath.Dir(dirs[0]), nil
	}
	p, err := exec.LookPath("initdb")
	if err != nil {
		return "", ErrNoPostgres
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return filepath.Dir(p), nil
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// StartPrimary creates a cluster in dir (which must not exist yet or be
// empty) and starts it on 127.0.0.1:port with trust authentication and
// replication allowed.
func StartPrimary(ctx context.Context, dir string, port int) (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, Port: port, bin: bin}
	if err := s.prepareDir(); err != nil {
		return nil, err
	}
	if err := s.run(ctx, "initdb", "-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf("\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"+
		"wal_level = replica\nmax_wal_senders = 10\nhot_standby = on\nmax_connections = 200\n", port, dir)
	if err := appendFile(filepath.Join(dir, "postgresql.conf"), conf); err != nil {
		return nil, err
	}
	return s, s.start(ctx)
}

// StartReplica makes a streaming replica of s in dir with pg_basebackup and
// starts it on 127.0.0.1:port.
func (s *Server) StartReplica(ctx context.Context, dir string, port int) (*Server, error) {
	r := &Server{Dir: dir, Port: port, bin: s.bin}
	if err := r.prepareDir(); err != nil {
		return nil, err
	}
	if err := r.run(ctx, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(s.Port), "-U", "postgres",
		"-D", dir, "-R", "-X", "stream", "--checkpoint=fast"); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf("\nport = %d\nunix_socket_directories = '%s'\n", port, dir)
	if err := appendFile(filepath.Join(dir, "postgresql.conf"), conf); err != nil {
		return nil, err
	}
	return r, r.start(ctx)
}

// StartWithReplica starts a primary in dir/primary and a streaming replica
// of it in dir/replica, each on a free loopback port. On an error, what was
// started is stopped.
func StartWithReplica(ctx context.Context, dir string) (primary, replica *Server, err error) {
	if primary, err = StartPrimary(ctx, filepath.Join(dir, "primary"), freePort()); err != nil {
		return nil, nil, err
	}
	if replica, err = primary.StartReplica(ctx, filepath.Join(dir, "replica"), freePort()); err != nil {
		_ = primary.Stop(context.Background())
		return nil, nil, err
	}
	return primary, replica, nil
}

// freePort is a loopback port that nothing listens on now.
func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0 // PostgreSQL then refuses to start, and says why
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// DSN is the URL of database name on this server.
func (s *Server) DSN(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, name)
}

// Stop shuts the server down at once (fast mode: sessions are ended,
// nothing committed is lost).
func (s *Server) Stop(ctx context.Context) error {
	return s.run(ctx, "pg_ctl", "-D", s.Dir, "-m", "fast", "-w", "stop")
}

// Kill ends the server with SIGKILL, as a crash would.
func (s *Server) Kill() error {
	b, err := os.ReadFile(filepath.Join(s.Dir, "postmaster.pid"))
	if err != nil {
		return err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return err
	}
	return syscall.Kill(pid, syscall.SIGKILL)
}

// WaitReplayed waits until replica has replayed everything primary has
// written when it is called.
func WaitReplayed(ctx context.Context, primary, replica *Server) error {
	p, err := sql.Open("pgx", primary.DSN("postgres"))
	if err != nil {
		return err
	}
	defer p.Close()
	r, err := sql.Open("pgx", replica.DSN("postgres"))
	if err != nil {
		return err
	}
	defer r.Close()
	var lsn string
	if err := p.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		return err
	}
	for {
		var done bool
		err := r.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn`, lsn).Scan(&done)
		if err == nil && done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("replica on port %d did not replay up to %s: %w", replica.Port, lsn, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (s *Server) start(ctx context.Context) error {
	return s.run(ctx, "pg_ctl", "-D", s.Dir, "-l", filepath.Join(s.Dir, "server.log"), "-w", "-t", "60", "start")
}

// PostgreSQL refuses to run as root: as root, the directory is given to the
// postgres user and the binaries run as that user.
func (s *Server) prepareDir() error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("pgcluster: running as root needs a postgres user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(s.Dir, uid, gid); err != nil {
		return err
	}
	// The postgres user must be able to reach it: temporary directories
	// are made 0700. Only those under the temporary directory are opened.
	tmp := filepath.Clean(os.TempDir())
	for d := filepath.Dir(s.Dir); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(d, fi.Mode().Perm()|0o711); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Server) run(ctx context.Context, name string, args ...string) error {
	path := filepath.Join(s.bin, name)
	cmd := exec.CommandContext(ctx, path, args...)
	if os.Geteuid() == 0 {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	cmd.Dir = "/"
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return nil
}

func appendFile(name, text string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
