package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"syscall"
	"time"
)

// proxy is the load balancer in front of the instances: round robin over
// the backends whose /readyz answers 200, checked every 250 ms. A request
// that could not reach a backend (connection refused) is sent to the next
// one; a GET cut off half-way is retried too. A POST cut off half-way is
// answered 502, as real load balancers do: the client's retry with the same
// Idempotency-Key is what makes that safe.
type proxy struct {
	backends []*backend
	next     atomic.Uint64
	client   *http.Transport
	retried  atomic.Int64 // requests sent on to another backend
}

type backend struct {
	name string
	url  *url.URL
	up   atomic.Bool
	on   atomic.Bool // in rotation for this phase
}

func newProxy(urls map[string]string, order []string) *proxy {
	p := &proxy{client: &http.Transport{MaxIdleConnsPerHost: 128, IdleConnTimeout: 30 * time.Second}}
	for _, name := range order {
		u, _ := url.Parse(urls[name])
		b := &backend{name: name, url: u}
		b.up.Store(true)
		p.backends = append(p.backends, b)
	}
	return p
}

// use puts the first n backends in rotation.
func (p *proxy) use(n int) {
	for i, b := range p.backends {
		b.on.Store(i < n)
	}
}

// check polls each backend's /readyz until ctx ends.
func (p *proxy) check(ctx context.Context) {
	c := &http.Client{Timeout: time.Second}
	for {
		for _, b := range p.backends {
			res, err := c.Get(b.url.String() + "/readyz")
			ok := err == nil && res.StatusCode == http.StatusOK
			if err == nil {
				res.Body.Close()
			}
			b.up.Store(ok)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (p *proxy) pick(skip map[*backend]bool) *backend {
	n := uint64(len(p.backends))
	start := p.next.Add(1)
	for i := range n {
		b := p.backends[(start+i)%n]
		if b.on.Load() && b.up.Load() && !skip[b] {
			return b
		}
	}
	return nil
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	tried := map[*backend]bool{}
	for {
		b := p.pick(tried)
		if b == nil {
			http.Error(w, "no backend is ready", http.StatusServiceUnavailable)
			return
		}
		tried[b] = true
		out := r.Clone(r.Context())
		out.RequestURI = ""
		out.URL.Scheme, out.URL.Host = b.url.Scheme, b.url.Host
		out.Body = io.NopCloser(bytes.NewReader(body))
		out.Header.Set("X-Forwarded-For", clientHost(r))
		res, err := p.client.RoundTrip(out)
		if err != nil {
			b.up.Store(false) // until its /readyz answers again
			if refused(err) || r.Method == http.MethodGet {
				p.retried.Add(1)
				continue
			}
			http.Error(w, "backend "+b.name+" failed: "+err.Error(), http.StatusBadGateway)
			return
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		_, _ = io.Copy(w, res.Body)
		res.Body.Close()
		return
	}
}

// refused reports an error from before the request reached the backend.
func refused(err error) bool {
	var op *net.OpError
	return errors.Is(err, syscall.ECONNREFUSED) || (errors.As(err, &op) && op.Op == "dial")
}

func clientHost(r *http.Request) string {
	h, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return h
}
