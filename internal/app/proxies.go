package app

import (
	"fmt"
	"net/netip"
	"strings"
)

// parseTrustedProxies reads a comma-separated list of CIDRs (a bare
// address is a proxy of its own), naming each entry that is neither.
func parseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	var bad []string
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
		} else if a, err := netip.ParseAddr(item); err == nil {
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
		} else {
			bad = append(bad, fmt.Sprintf("%q", item))
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("trusted proxies %s: each must be a CIDR such as 10.0.0.0/8 or an address such as 127.0.0.1", strings.Join(bad, ", "))
	}
	return out, nil
}
