package main

import (
	"bytes"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"
)

// reads are what the load asks for besides its writes: API lists, search,
// the funding table and the public news list.
var reads = []string{
	"/api/v1/organizations?per_page=20",
	"/api/v1/engagements?per_page=20",
	"/api/v1/action-points?per_page=20",
	"/api/v1/search?q=health",
	"/api/v1/funding?by=country",
	"/en/news",
}

// op is one request as the user saw it: from the first try to the answer
// that ended its retries.
type op struct {
	at, end   time.Time
	write, ok bool
	retried   bool // its first try failed
	// lost: a write whose answer died with its instance after it committed;
	// its retries are answered 409 idempotency_key_in_use while the key
	// stays claimed (the server tells "lost" only after its longest write
	// timeout). verify checks that it was applied exactly once.
	lost bool
}

// created is an organization whose creation was acknowledged (201).
type created struct {
	ID   int64
	Name string
}

type loadResult struct {
	start, end time.Time
	mu         sync.Mutex
	ops        []op
	acked      []created
	attempted  []string // names sent, acknowledged or not
	lost       []string // names of the writes whose answer was lost
	failures   []string // the first few errors, to show
}

func (l *loadResult) add(o op, fail string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ops = append(l.ops, o)
	if !o.ok && !o.lost && len(l.failures) < 5 {
		l.failures = append(l.failures, fail)
	}
}

// summary gives throughput, p99 and failed operations (lost answers are
// checked apart), counting only the operations that started in [from, to).
func (l *loadResult) summary(from, to time.Time) (rps float64, p99 time.Duration, failed int) {
	var ds []time.Duration
	for _, o := range l.ops {
		if o.at.Before(from) || !o.at.Before(to) {
			continue
		}
		ds = append(ds, o.end.Sub(o.at))
		if !o.ok && !o.lost {
			failed++
		}
	}
	if len(ds) == 0 {
		return 0, 0, failed
	}
	slices.Sort(ds)
	return float64(len(ds)) / to.Sub(from).Seconds(), ds[len(ds)*99/100], failed
}

// runLoad runs conc clients against base for dur; writeShare of their
// operations create an organization, with an Idempotency-Key kept across
// retries. Every operation is retried up to 8 times on 5xx or a broken
// connection, as a client behind a load balancer should. during, if set,
// runs while the clients do.
func runLoad(base, token, tag string, conc int, dur time.Duration, writeShare float64, during func(*loadResult)) *loadResult {
	res := &loadResult{start: time.Now()}
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	deadline := res.start.Add(dur)
	var wg sync.WaitGroup
	for w := range conc {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				if rand.Float64() < writeShare {
					res.write(c, base, token, fmt.Sprintf("Cluster %s w%d n%d", tag, w, i))
				} else {
					res.read(c, base+reads[rand.IntN(len(reads))], token)
				}
			}
		})
	}
	if during != nil {
		during(res)
	}
	wg.Wait()
	res.end = time.Now()
	return res
}

func (l *loadResult) read(c *http.Client, u, token string) {
	o := op{at: time.Now()}
	var fail string
	for try := range 8 {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		status, _, err := do(c, req)
		if err == nil && status == http.StatusOK {
			o.ok = true
			break
		}
		o.retried = true
		fail = fmt.Sprintf("GET %s: %d %v", u, status, err)
		time.Sleep(time.Duration(try+1) * 50 * time.Millisecond)
	}
	o.end = time.Now()
	l.add(o, fail)
}

func (l *loadResult) write(c *http.Client, base, token, name string) {
	l.mu.Lock()
	l.attempted = append(l.attempted, name)
	l.mu.Unlock()
	body, _ := json.Marshal(map[string]string{"name_en": name, "type": "40"})
	key := make([]byte, 16)
	_, _ = crand.Read(key)
	o := op{at: time.Now(), write: true}
	var fail string
	for try := range 8 {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/organizations", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", hex.EncodeToString(key))
		status, answer, err := do(c, req)
		if err == nil && status == http.StatusCreated {
			var got created
			if json.Unmarshal(answer, &got) == nil && got.ID > 0 {
				o.ok = true
				l.mu.Lock()
				l.acked = append(l.acked, created{ID: got.ID, Name: name})
				l.mu.Unlock()
			}
			break
		}
		if o.retried && status == http.StatusConflict && bytes.Contains(answer, []byte("idempotency_key_in_use")) && try >= 3 {
			o.lost = true
			l.mu.Lock()
			l.lost = append(l.lost, name)
			l.mu.Unlock()
			break
		}
		o.retried = true
		fail = fmt.Sprintf("POST %q: %d %v %.200s", name, status, err, answer)
		if err == nil && status < 500 && status != http.StatusConflict && status != http.StatusTooManyRequests {
			break // refused for good
		}
		time.Sleep(time.Duration(try+1) * 50 * time.Millisecond)
	}
	o.end = time.Now()
	l.add(o, fail)
}

func do(c *http.Client, req *http.Request) (int, []byte, error) {
	res, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}
