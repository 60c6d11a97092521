package middleware

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the proxies in front of Accord whose Forwarded and
// X-Forwarded-For headers are believed; no others are.
type Proxies []netip.Prefix

// ClientAddr is the address of the client a request came from. The
// connection's peer is believed unless it is one of the trusted proxies;
// then the forwarding headers are read from the right, skipping trusted
// proxies, and the first address that is not one is the client's. Hops
// to the left of it were written by the client and may be forged.
func (ps Proxies) ClientAddr(r *http.Request) string {
	peer, ok := peerAddr(r)
	if !ok {
		return r.RemoteAddr
	}
	if !ps.trusted(peer) {
		return peer.String()
	}
	hops := forwardedHops(r)
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i].forAddr)
		if !ok {
			break // "unknown", an obfuscated name or garbage: the last proxy's peer is all we know
		}
		client = a
		if !ps.trusted(a) {
			break
		}
	}
	return client.String()
}

// ViaHTTPS reports whether the request reached Accord over TLS, directly or
// through a trusted proxy that says so (the nearest proxy's word counts).
func (ps Proxies) ViaHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	peer, ok := peerAddr(r)
	if !ok || !ps.trusted(peer) {
		return false
	}
	if hops := forwardedHops(r); len(hops) > 0 && hops[len(hops)-1].proto != "" {
		return strings.EqualFold(hops[len(hops)-1].proto, "https")
	}
	protos := strings.Split(strings.Join(r.Header.Values("X-Forwarded-Proto"), ","), ",")
	return strings.EqualFold(strings.TrimSpace(protos[len(protos)-1]), "https")
}

func (ps Proxies) trusted(a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func peerAddr(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	return a.Unmap(), err == nil
}

// hop is one proxy's note of the connection it received.
type hop struct{ forAddr, proto string }

// forwardedHops lists the hops of the request, leftmost (client side)
// first: from the RFC 7239 Forwarded header when there is one, else from
// X-Forwarded-For.
func forwardedHops(r *http.Request) []hop {
	var hops []hop
	if fwd := r.Header.Values("Forwarded"); len(fwd) > 0 {
		for _, element := range splitQuoted(strings.Join(fwd, ","), ',') {
			var h hop
			for _, pair := range splitQuoted(element, ';') {
				name, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
				value = strings.Trim(strings.TrimSpace(value), `"`)
				switch strings.ToLower(strings.TrimSpace(name)) {
				case "for":
					h.forAddr = value
				case "proto":
					h.proto = value
				}
			}
			hops = append(hops, h)
		}
		return hops
	}
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, a := range strings.Split(v, ",") {
			hops = append(hops, hop{forAddr: strings.TrimSpace(a)})
		}
	}
	return hops
}

// splitQuoted splits s at sep outside double-quoted strings.
func splitQuoted(s string, sep byte) []string {
	var parts []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == '\\' && quoted:
			i++
		case s[i] == sep && !quoted:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// parseHop reads an address as proxies write it: 192.0.2.1, 192.0.2.1:4711,
// [2001:db8::1] or [2001:db8::1]:4711, or a bare 2001:db8::1.
func parseHop(v string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(v); err == nil {
		return ap.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(v, "["), "]"))
	return a.Unmap(), err == nil
}
