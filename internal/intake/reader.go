// Package intake reads press releases with the names Accord knows: it
// backs the extractor's gazetteer with Accord's own organizations (names
// in English, French and Arabic, acronyms) and people (with the position
// they hold), so that what officers confirm improves later extractions.
// It also turns uploaded files (.txt, .html, .docx) into text, and tells
// the transports how to answer text the extractor refuses.
package intake

import (
	"context"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/extract"
)

// Names is what the reader needs from storage.
type Names interface {
	NamesVersion(ctx context.Context) (string, error)
	KnownNames(ctx context.Context, day accord.Date) ([]accord.KnownOrg, []accord.KnownPerson, error)
}

// Reader extracts proposals from press releases. It compiles the
// extractor once per state of Accord's names: each read first asks the
// store for the names' version (two aggregates), and compiles again only
// when it changed. It is safe for concurrent use.
type Reader struct {
	names Names
	now   func() time.Time

	mu      sync.Mutex
	version string
	day     accord.Date // positions are those held on this day
	x       *extract.Extractor
}

// NewReader returns a reader over names; now is the clock (nil: time.Now).
func NewReader(names Names, now func() time.Time) *Reader {
	if now == nil {
		now = time.Now
	}
	return &Reader{names: names, now: now}
}

// Extractor returns the extractor compiled with Accord's names as they are now.
func (r *Reader) Extractor(ctx context.Context) (*extract.Extractor, error) {
	v, err := r.names.NamesVersion(ctx)
	if err != nil {
		return nil, err
	}
	day := accord.Date(r.now().Format(time.DateOnly))
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.x != nil && r.version == v && r.day == day {
		return r.x, nil
	}
	orgs, people, err := r.names.KnownNames(ctx, day)
	if err != nil {
		return nil, err
	}
	r.x, r.version, r.day = extract.New(Gazetteer(orgs, people)), v, day
	return r.x, nil
}

// Read extracts a proposal from text with Accord's names.
func (r *Reader) Read(ctx context.Context, text string, opts extract.Options) (*extract.Result, error) {
	x, err := r.Extractor(ctx)
	if err != nil {
		return nil, err
	}
	return x.Extract(ctx, text, opts)
}

// Gazetteer turns Accord's records into the extractor's entries: each
// organization under its English name, with its French and Arabic names
// and its acronym; each person with the title and organization of their
// current position.
func Gazetteer(orgs []accord.KnownOrg, people []accord.KnownPerson) extract.StaticGazetteer {
	g := extract.StaticGazetteer{Orgs: make([]extract.OrgEntry, 0, len(orgs)), Persons: make([]extract.PersonEntry, 0, len(people))}
	for _, o := range orgs {
		e := extract.OrgEntry{Name: o.NameEN, Parent: o.Parent}
		if o.Acronym != "" {
			e.Acronyms = []string{o.Acronym}
		}
		for _, n := range []string{o.NameFR, o.NameAR} {
			if n != "" && n != o.NameEN {
				e.Names = append(e.Names, n)
			}
		}
		g.Orgs = append(g.Orgs, e)
	}
	for _, p := range people {
		g.Persons = append(g.Persons, extract.PersonEntry{Name: p.Name, Title: p.Title, Organization: p.OrgName})
	}
	return g
}
