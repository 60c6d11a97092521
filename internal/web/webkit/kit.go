// Package webkit holds what Accord's two kinds of page share: the staff
// application (package web) and the public site (package site). That is
// the front every page request passes (sessions, form limits and tokens,
// the pages' headers, the panic guard), the reader's language, the site's
// signing key and the throttles in the database, the cache of rendered
// pages, HTTP validators, the form readers both use, and the static files
// under this build's hash. Web and site never import each other; package
// app puts them side by side on one mux (Pages).
package webkit

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/middleware"
)

// Store is what the shared parts read and write: the session's user, the
// form key, and the throttles' counts.
type Store interface {
	SessionUser(ctx context.Context, secretHash []byte) (*accord.User, error)
	FormKey(ctx context.Context) ([]byte, error)
	Throttle(ctx context.Context, key string, limit int, window time.Duration) (allowed bool, retryAfter time.Duration, err error)
}

// Deps are the kit's collaborators and settings.
type Deps struct {
	Store         Store
	Logger        *slog.Logger
	SecureCookies bool // Secure cookies on every answer, not only on those over HTTPS
	// TrustedProxies are the proxies whose Forwarded and X-Forwarded-For
	// headers are believed.
	TrustedProxies []netip.Prefix
}

// Kit is what the staff pages and the public site share while they run;
// one serves both.
type Kit struct {
	store         Store
	logger        *slog.Logger
	secureCookies bool
	proxies       middleware.Proxies
	rendered      *RenderedPages

	keyMu sync.Mutex
	key   []byte // the form key, read on first use (SigningKey)
}

// New returns a kit; the rendered pages it keeps are bounded to 64 MiB.
func New(d Deps) *Kit {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	return &Kit{store: d.Store, logger: d.Logger, secureCookies: d.SecureCookies, proxies: d.TrustedProxies,
		rendered: NewRenderedPages(64 << 20)}
}

// Rendered is the cache of rendered pages both kinds of page keep their
// work in (one bound for the two).
func (k *Kit) Rendered() *RenderedPages { return k.rendered }

// ClientAddr is the address of the client a request came from, read
// through the trusted proxies (the public forms' limits key on it).
func (k *Kit) ClientAddr(r *http.Request) string { return k.proxies.ClientAddr(r) }

// SecureCookies reports whether cookies set in answer to r are marked
// Secure: always when configured so, else when r came over HTTPS, directly
// or through a trusted proxy that says so. The public site's absolute
// addresses take the https scheme on the same terms.
func (k *Kit) SecureCookies(r *http.Request) bool { return k.secureCookies || k.proxies.ViaHTTPS(r) }
