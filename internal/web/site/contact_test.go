package site

import (
	"net/http"
	"net/netip"
	"strconv"
	"testing"
	"time"
)

// TestForwardedForTrusted: the public forms' limits key on the client's
// address, read from X-Forwarded-For only when the peer is a trusted proxy.
func TestForwardedForTrusted(t *testing.T) {
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	base := newClockEnv(t, &now)
	clock := func() time.Time { return now }
	behindProxy := base.newInstance(clock, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")})
	untrusted := base.newInstance(clock, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")})
	send := func(e *env, forwardedFor string, i int) int {
		b := e.browser()
		b.Header = http.Header{"X-Forwarded-For": {forwardedFor}}
		f := b.ContactFields("/en/contact")
		f.Set("name", "Visitor")
		f.Set("email", "visitor"+strconv.Itoa(i)+"@example.org")
		f.Set("category", "news_tip")
		f.Set("message", "The Sahel workshop moved to Dakar.")
		now = now.Add(10 * time.Second)
		return b.SendContact("/en/contact", f, "", nil).StatusCode
	}
	// Six visitors behind the trusted proxy each have their own count.
	for i := range contactAddrLimit + 1 {
		if status := send(behindProxy, "203.0.113."+strconv.Itoa(i+1)+", 127.0.0.1", i); status != http.StatusSeeOther {
			t.Errorf("visitor %d behind the trusted proxy: %d, want 303", i+1, status)
		}
	}
	// One visitor claiming a new address each time is one visitor, also
	// when the posts go to two instances.
	now = now.Add(contactAddrWindow)
	var last int
	for i := range contactAddrLimit + 1 {
		last = send([]*env{untrusted, base}[i%2], "198.51.100."+strconv.Itoa(i+1), 100+i)
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("spoofed X-Forwarded-For from untrusted peers, over two instances: post %d got %d, want 429", contactAddrLimit+1, last)
	}
}
