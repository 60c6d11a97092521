package app

import (
	"log/slog"
	"net/http"

	"github.com/accordhq/accord/internal/api"
	"github.com/accordhq/accord/internal/intake"
	"github.com/accordhq/accord/internal/middleware"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/web"
)

// newHandler is Accord's root handler over db: the JSON API answers every
// path under /api/, the pages every other, and around both runs the
// middleware they share (middleware.Wrap), once. Each side keeps what is
// its own: the pages their sessions, forms and cross-origin protection,
// the API its tokens; each answers its own errors and panics, as a page or
// as a problem. The pages' server is returned too, for Drain.
func newHandler(db *store.DB, cfg Config, logger *slog.Logger, contactSubmitted func()) (http.Handler, *web.Server, error) {
	proxies, _ := parseTrustedProxies(cfg.TrustedProxies) // checked by Validate
	// The pages and the API tell time by the database's clock, so that
	// instances whose clocks drift agree (store.DB.Clock); they share one
	// reader of press releases, which keeps Accord's names compiled.
	releases := intake.NewReader(db, db.Clock)
	pages, err := web.New(web.Deps{Store: db, DBName: string(db.Dialect()), Logger: logger, Now: db.Clock,
		SecureCookies: cfg.SecureCookies, TrustedProxies: proxies, SessionTTL: cfg.SessionTTL, Intake: releases,
		ContactSubmitted: contactSubmitted, Replica: func() string { return db.ReplicaStatus().String() }})
	if err != nil {
		return nil, nil, err
	}
	jsonAPI := api.New(api.Deps{Store: db, Extract: releases, Logger: logger, Now: db.Clock})
	mux := http.NewServeMux()
	mux.Handle("/api/", jsonAPI.Handler())
	mux.Handle("/", pages)
	return middleware.Wrap(mux, middleware.Options{Logger: logger, Proxies: proxies, MayLag: store.MayLag}), pages, nil
}
