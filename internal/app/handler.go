package app

import (
	"log/slog"
	"net/http"

	"github.com/accordhq/accord/internal/api"
	"github.com/accordhq/accord/internal/intake"
	"github.com/accordhq/accord/internal/middleware"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/web"
	"github.com/accordhq/accord/internal/web/site"
	"github.com/accordhq/accord/internal/web/webkit"
)

// newHandler is Accord's root handler over db: the JSON API answers every
// path under /api/, the pages every other, and around both runs the
// middleware they share (middleware.Wrap), once. The pages are the staff
// application (package web) and the public site (package site), on one
// mux behind the front they share (webkit.Kit.Pages): sessions, forms and
// cross-origin protection. The API keeps its tokens; each side answers its
// own errors and panics, as a page or as a problem. The staff pages'
// server is returned too, for Drain.
func newHandler(db *store.DB, cfg Config, logger *slog.Logger, contactSubmitted func()) (http.Handler, *web.Server, error) {
	proxies, _ := parseTrustedProxies(cfg.TrustedProxies) // checked by Validate
	// The pages and the API tell time by the database's clock, so that
	// instances whose clocks drift agree (store.DB.Clock); they share one
	// reader of press releases, which keeps Accord's names compiled.
	releases := intake.NewReader(db, db.Clock)
	kit := webkit.New(webkit.Deps{Store: db, Logger: logger, SecureCookies: cfg.SecureCookies, TrustedProxies: proxies})
	staff, err := web.New(web.Deps{Kit: kit, Store: db, DBName: string(db.Dialect()), Logger: logger, Now: db.Clock,
		SessionTTL: cfg.SessionTTL, Intake: releases, Replica: func() string { return db.ReplicaStatus().String() }})
	if err != nil {
		return nil, nil, err
	}
	public, err := site.New(site.Deps{Kit: kit, Store: db, Logger: logger, Now: db.Clock, ContactSubmitted: contactSubmitted})
	if err != nil {
		return nil, nil, err
	}
	jsonAPI := api.New(api.Deps{Store: db, Extract: releases, Logger: logger, Now: db.Clock})
	mux := http.NewServeMux()
	mux.Handle("/api/", jsonAPI.Handler())
	// The front refuses bad input with the staff's error page, on the
	// public site's paths too.
	mux.Handle("/", kit.Pages(staff.ErrorPage, staff, public))
	return middleware.Wrap(mux, middleware.Options{Logger: logger, Proxies: proxies, MayLag: store.MayLag}), staff, nil
}
