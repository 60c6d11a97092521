// Package site serves Accord's public site: the news and their comments,
// partners' pages, the Atom feeds, the contact form, the open data, the
// sitemap and robots.txt, each page under /en/, /fr/ and /ar/ and without
// a prefix in the reader's language. No sign-in, no JavaScript, its own
// light layout. Package app serves it beside the staff pages (package web)
// on one mux behind the pages' front (webkit.Kit.Pages); what the two share
// is in package webkit.
package site

import (
	"errors"
	"log/slog"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// Store is what the public site reads and writes.
type Store interface {
	accord.NewsService         // the published news and their images
	accord.CommentService      // readers' comments
	accord.ContactService      // the contact form's messages
	accord.OrganizationService // a partner's name
	accord.OpenDataService     // when the open data last changed
	accord.PlanService         // the activities of the 4W table
	accord.MoneyService        // funding by country
}

// Deps are the site's collaborators and settings.
type Deps struct {
	Kit    *webkit.Kit // shared with the staff pages; required
	Store  Store
	Logger *slog.Logger
	Now    func() time.Time
	// ContactSubmitted wakes the job that acknowledges contact messages; may be nil.
	ContactSubmitted func()
}

// Site is the handler of the public pages.
type Site struct {
	Deps
	templates *templates
}

// New returns the site, its templates parsed.
func New(d Deps) (*Site, error) {
	if d.Kit == nil {
		return nil, errors.New("site: no kit (webkit.New) in Deps")
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	t, err := parsedTemplates()
	if err != nil {
		return nil, err
	}
	return &Site{Deps: d, templates: t}, nil
}
