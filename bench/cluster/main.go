// Command cluster runs Accord as an organization that outgrew one machine
// does: a PostgreSQL primary with a streaming replica (the instances' read
// replica, ACCORD_DB_READ), three Accord instances on it and a load balancer
// in front. It drives a mixed read and
// write load with 1, 2 and 3 instances, then kills one instance with
// SIGKILL half-way through a run and checks what a user would hold against
// it: no acknowledged write lost or duplicated, no email sent twice, every
// request after the kill served by the survivors, the audit log complete.
//
//	go run ./bench/cluster [-d 10s] [-c 32] [-writes 0.2]
//	go run ./bench/cluster -soak 10m -c 64     the soak: memory over time, no error
//
// Everything listens on 127.0.0.1; the load is bounded by -d.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/mail/mailtest"
	"github.com/accordhq/accord/internal/pgcluster"
	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	dur := flag.Duration("d", 10*time.Second, "length of each scaling run; the kill run lasts twice as long")
	conc := flag.Int("c", 32, "concurrent clients")
	writeShare := flag.Float64("writes", 0.2, "share of operations that create a record")
	keep := flag.Bool("keep", false, "keep the temporary directory (logs, data) for a look afterwards")
	soakFor := flag.Duration("soak", 0, "instead of the scaling and kill runs, a soak of this length (e.g. 10m), with memory every -every")
	every := flag.Duration("every", 30*time.Second, "how often the soak samples memory")
	flag.Parse()
	log.SetFlags(0)
	ok, err := run(*dur, *conc, *writeShare, *keep, *soakFor, *every)
	if err != nil {
		log.Fatal(err)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(dur time.Duration, conc int, writeShare float64, keep bool, soakFor, every time.Duration) (bool, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	dir, err := os.MkdirTemp("", "accord-cluster")
	if err != nil {
		return false, err
	}
	if keep {
		log.Printf("files in %s", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	c, err := startCluster(ctx, dir)
	defer c.stop()
	if err != nil {
		return false, err
	}

	p := newProxy(c.urls, c.order)
	go p.check(ctx)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return false, err
	}
	go func() { _ = http.Serve(ln, p) }()
	base := "http://" + ln.Addr().String()
	fmt.Printf("load balancer %s; instances %s; %d clients, %.0f%% writes; load average %s\n",
		base, strings.Join(c.order, ", "), conc, writeShare*100, loadAverage())
	if res, err := http.Get(c.urls[c.order[0]] + "/readyz"); err == nil {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		fmt.Printf("instance %s /readyz: %s\n", c.order[0], strings.TrimSpace(string(b)))
	}

	if soakFor > 0 {
		p.use(len(c.order))
		res, flat := soak(c, base, conc, soakFor, every, writeShare)
		return verify(ctx, c, []*loadResult{res}, -1) && flat, nil
	}

	fmt.Println("| instances | operations/s | p99 | failed |")
	fmt.Println("|---|---|---|---|")
	var all []*loadResult
	for n := 1; n <= len(c.order); n++ {
		p.use(n)
		time.Sleep(300 * time.Millisecond)
		res := runLoad(base, c.token, fmt.Sprintf("scale%d", n), conc, dur, writeShare, nil)
		rps, p99, failed := res.summary(res.start, res.end)
		fmt.Printf("| %d | %.0f | %s | %d |\n", n, rps, p99.Round(100*time.Microsecond), failed)
		all = append(all, res)
	}

	victim := c.order[1]
	var killed time.Time
	var killErr error
	res := runLoad(base, c.token, "kill", conc, 2*dur, writeShare, func(*loadResult) {
		time.Sleep(dur)
		killed = time.Now()
		killErr = c.procs[victim].Process.Kill()
	})
	if killErr != nil {
		return false, killErr
	}
	all = append(all, res)
	rps1, p991, _ := res.summary(res.start, killed)
	rps2, p992, failedAfter := res.summary(killed, res.end)
	fmt.Printf("\nSIGKILL of instance %s after %s: before %.0f op/s, p99 %s; after %.0f op/s, p99 %s\n",
		victim, dur, rps1, p991.Round(100*time.Microsecond), rps2, p992.Round(100*time.Microsecond))
	fmt.Printf("requests sent on to a survivor by the load balancer: %d; recovery: %s\n\n",
		p.retried.Load(), recovery(res, killed).Round(time.Millisecond))

	time.Sleep(time.Second) // let the survivors' mail jobs finish a tick
	return verify(ctx, c, all, failedAfter), nil
}

// recovery is how long after the kill users still needed a retry: until
// the end of the last operation that had to retry.
func recovery(res *loadResult, killed time.Time) time.Duration {
	last := killed
	for _, o := range res.ops {
		if o.retried && o.end.After(last) {
			last = o.end
		}
	}
	return last.Sub(killed)
}

// cluster is the PostgreSQL servers, the mail sink and the instances.
type cluster struct {
	primary, replica *pgcluster.Server
	dsn, readDSN     string
	sink             *mailtest.Server
	order            []string
	urls             map[string]string
	procs            map[string]*exec.Cmd
	token            string
}

func startCluster(ctx context.Context, dir string) (*cluster, error) {
	c := &cluster{urls: map[string]string{}, procs: map[string]*exec.Cmd{}}
	var err error
	log.Print("starting PostgreSQL: a primary and a streaming replica")
	if c.primary, c.replica, err = pgcluster.StartWithReplica(ctx, filepath.Join(dir, "pg")); err != nil {
		return c, err
	}
	if err := exec1(ctx, c.primary.DSN("postgres"), "CREATE DATABASE accord"); err != nil {
		return c, err
	}
	c.dsn, c.readDSN = c.primary.DSN("accord"), c.replica.DSN("accord")
	if c.sink, err = mailtest.Listen(mailtest.Options{}); err != nil {
		return c, err
	}
	log.Print("building accord")
	bin := filepath.Join(dir, "accord")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/accord").CombinedOutput(); err != nil {
		return c, fmt.Errorf("go build: %v\n%s", err, out)
	}
	for i, name := range []string{"a", "b", "c"} {
		if err := c.startInstance(ctx, dir, bin, name, i == 0); err != nil {
			return c, err
		}
		if i == 0 {
			out, err := exec.CommandContext(ctx, bin, "token", "create", "--email", "admin@accord.example", "--db", c.dsn).Output()
			if err != nil {
				return c, fmt.Errorf("token create: %v", err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			c.token = lines[len(lines)-1]
		}
	}
	return c, nil
}

// startInstance starts one Accord instance and waits for its /readyz; the
// first loads the demo world into the empty database.
func (c *cluster) startInstance(ctx context.Context, dir, bin, name string, demo bool) error {
	addr := fmt.Sprintf("127.0.0.1:%d", freePort())
	args := []string{"serve", "--addr", addr, "--db", c.dsn,
		"--smtp-host", c.sink.Host, "--smtp-port", fmt.Sprint(c.sink.Port), "--smtp-starttls=false",
		"--smtp-from", "Accord <accord@example.org>"}
	if demo {
		args = append(args, "--demo")
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "ACCORD_DB_READ="+c.readDSN, "ACCORD_LOG_LEVEL=warn")
	logf, err := os.Create(filepath.Join(dir, "instance-"+name+".log"))
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return err
	}
	c.order = append(c.order, name)
	c.urls[name] = "http://" + addr
	c.procs[name] = cmd
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if res, err := http.Get(c.urls[name] + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("instance %s did not become ready in 2 minutes; see %s", name, logf.Name())
}

func (c *cluster) stop() {
	for _, p := range c.procs {
		_ = p.Process.Signal(os.Interrupt)
	}
	for _, p := range c.procs {
		_ = p.Wait()
	}
	if c.sink != nil {
		c.sink.Close()
	}
	for _, s := range []*pgcluster.Server{c.replica, c.primary} {
		if s != nil {
			_ = s.Stop(context.Background())
		}
	}
}

func exec1(ctx context.Context, dsn, q string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, q)
	return err
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func loadAverage() string {
	f, err := os.Open("/proc/loadavg")
	if err != nil {
		return "?"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Scan()
	return strings.Fields(s.Text() + " ?")[0]
}
