package extract

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// MaxInput is the largest text Extract reads. Press releases are a few
// kilobytes; a megabyte is a book, or a file uploaded by mistake.
const MaxInput = 1 << 20

// Errors for input the extractor refuses. Each is wrapped with details;
// test with errors.Is. ErrTooComplex is a safety net: the extractor's
// work grows linearly with the text, and a text that would still cost
// more than a fixed budget per word is refused.
var (
	ErrEmpty       = errors.New("the text is empty")
	ErrBinary      = errors.New("the file is not text (binary data)")
	ErrTooLarge    = fmt.Errorf("the text is larger than %d bytes (1 MB), the limit for one press release", MaxInput)
	ErrUnsupported = errors.New("language not supported yet")
	ErrTooComplex  = errors.New("the text is too complex to read in reasonable time")
)

// Result is the structure of ../shared/data/pressreleases/README.md, plus
// what the extractor noticed on the way.
type Result struct {
	IsEngagement bool         `json:"is_engagement"`
	Date         *string      `json:"date"` // YYYY-MM-DD, only when the text states it
	Location     Location     `json:"location"`
	Orgs         []string     `json:"organizations"`
	People       []Person     `json:"people"`
	Topics       []string     `json:"topics"`
	Commitments  []Commitment `json:"commitments"`
	Countries    []string     `json:"countries_mentioned"` // ISO 3166-1 alpha-2 of beneficiaries

	// DateEstimate resolves relative expressions ("on Monday", "last
	// week", "recently") against the publication date, for an officer to
	// confirm; Date stays null for them.
	DateEstimate *DateEstimate `json:"date_estimate,omitempty"`
	// Dateline is the place and date the item was filed from, when it has
	// one ("JEDDAH:"); it is not the place of the engagement.
	Dateline string   `json:"dateline,omitempty"`
	Notes    []string `json:"notes,omitempty"`

	// Spans say where each item was read, as byte offsets into Text.
	Spans []Span `json:"spans,omitempty"`
	// Text is the text as read: the input, with HTML removed when it was
	// HTML. Spans point into it.
	Text string `json:"-"`
}

// Location is where the engagement took place.
type Location struct {
	City    *string `json:"city"`
	Country *string `json:"country_iso2"`
}

// Person is a named participant.
type Person struct {
	Name         string `json:"name"`
	Title        string `json:"title"`
	Organization string `json:"organization"`
}

// Commitment is something agreed, signed, pledged or delivered.
type Commitment struct {
	Text     string   `json:"text"`
	Kind     string   `json:"kind"` // mou, agreement, plan_of_action, pledge, event, other
	Amount   *float64 `json:"amount"`
	Currency *string  `json:"currency"` // ISO 4217; null for quantities of goods
	Unit     string   `json:"unit,omitempty"`
	Parties  []string `json:"parties"`
}

// DateEstimate is a date inferred from a relative expression.
type DateEstimate struct {
	Date       string `json:"date"`
	Expression string `json:"expression"`
	Exact      bool   `json:"exact"` // false for "recently", "last week"
}

// Options are per-text inputs.
type Options struct {
	// Published is the publication date, when known; relative dates are
	// resolved against it.
	Published time.Time
}

// Extractor holds the compiled gazetteers. It is safe for concurrent use.
type Extractor struct {
	ix *index
}

// New compiles the shipped gazetteers together with extra (which may be
// nil). Compile once and reuse: it costs a few milliseconds.
func New(extra Gazetteer) *Extractor {
	return &Extractor{ix: newIndex(extra)}
}

var defaultExtractor = sync.OnceValue(func() *Extractor { return New(nil) })

// Extract runs the default extractor (shipped gazetteers only).
func Extract(ctx context.Context, text string, opts Options) (*Result, error) {
	return defaultExtractor().Extract(ctx, text, opts)
}

// Extract reads one press release. It returns an error wrapping ErrEmpty,
// ErrBinary, ErrTooLarge or ErrUnsupported for text it cannot read, and a
// Result with IsEngagement false for text that reports no engagement.
// When ctx ends first (the client has gone), it stops between sentences
// and returns ctx.Err().
func (x *Extractor) Extract(ctx context.Context, text string, opts Options) (*Result, error) {
	clean, notes, err := prepare(text)
	if err != nil {
		return nil, err
	}
	d := newDoc(ctx, x.ix, clean, opts)
	r := d.run()
	if d.err != nil {
		return nil, d.err
	}
	r.Notes = append(notes, r.Notes...)
	r.Text = clean
	return r, nil
}

// Empty returns a Result with no findings, with empty lists rather than
// nulls so that JSON readers see the same shape every time.
func Empty() *Result {
	return &Result{Orgs: []string{}, People: []Person{}, Topics: []string{}, Commitments: []Commitment{}, Countries: []string{}}
}
