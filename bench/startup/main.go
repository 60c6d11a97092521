// Command startup measures the time from starting "accord serve" on an empty
// SQLite database to its first /healthz answer, against the time to run
// "accord version" (process start and exit) as a baseline in the same run.
// It also prints the binary's size.
//
//	go run ./bench/startup [-n 20]
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	n := flag.Int("n", 20, "runs")
	flag.Parse()
	dir, err := os.MkdirTemp("", "accord-startup")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "accord")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/accord").CombinedOutput(); err != nil {
		log.Fatalf("build: %v\n%s", err, out)
	}
	stripped := filepath.Join(dir, "accord-stripped")
	if out, err := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", stripped, "./cmd/accord").CombinedOutput(); err != nil {
		log.Fatalf("build: %v\n%s", err, out)
	}

	var serve, version []time.Duration
	for i := 0; i < *n; i++ {
		t0 := time.Now()
		if err := exec.Command(bin, "version").Run(); err != nil {
			log.Fatal(err)
		}
		version = append(version, time.Since(t0))
		serve = append(serve, startOnce(bin, filepath.Join(dir, fmt.Sprintf("db%d.db", i))))
	}
	slices.Sort(serve)
	slices.Sort(version)
	med := func(d []time.Duration) time.Duration { return d[len(d)/2] }
	fmt.Printf("runs: %d\n", *n)
	fmt.Printf("accord version (process baseline): median %s, max %s\n", med(version).Round(time.Millisecond/10), version[len(version)-1].Round(time.Millisecond/10))
	fmt.Printf("serve on empty SQLite → first /healthz 200: median %s, min %s, max %s (target < 300ms)\n",
		med(serve).Round(time.Millisecond/10), serve[0].Round(time.Millisecond/10), serve[len(serve)-1].Round(time.Millisecond/10))
	fmt.Printf("startup / process baseline = %.1f×\n", float64(med(serve))/float64(med(version)))
	for _, b := range []string{bin, stripped} {
		st, _ := os.Stat(b)
		fmt.Printf("binary %-16s %.1f MB\n", filepath.Base(b), float64(st.Size())/1e6)
	}
}

func freePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func startOnce(bin, db string) time.Duration {
	addr := freePort()
	t0 := time.Now()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", "sqlite:"+db, "--log-level", "warn")
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for time.Since(t0) < 10*time.Second {
		res, err := client.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return time.Since(t0)
			}
		}
		time.Sleep(time.Millisecond)
	}
	log.Fatal("no /healthz answer within 10s")
	return 0
}
