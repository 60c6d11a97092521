package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/extract"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/intake"
)

// Extractor reads press releases with the names Accord knows
// (intake.Reader); without one, the API reads with the shipped lists only.
type Extractor interface {
	Read(ctx context.Context, text string, opts extract.Options) (*extract.Result, error)
}

// shippedOnly is the Extractor of an API given none.
type shippedOnly struct{}

func (shippedOnly) Read(ctx context.Context, text string, opts extract.Options) (*extract.Result, error) {
	return extract.Extract(ctx, text, opts)
}

// extractBody is POST /api/v1/extract's JSON body.
type extractBody struct {
	Text      string `json:"text"`
	Published string `json:"published"` // YYYY-MM-DD, optional
}

// proposal is the answer: the extraction, with the text its spans point into.
type proposal struct {
	*extract.Result
	Text string `json:"text"`
}

// maxExtractJSON bounds a JSON body: the text at its limit, escaped.
const maxExtractJSON = 2*extract.MaxInput + 64<<10

// extractRelease reads a press release and proposes the records it
// reports: POST /api/v1/extract, with JSON {text, published} or the text
// itself as text/plain (?published=YYYY-MM-DD). Nothing is saved. Writers
// only: the proposal links to every organization and person Accord knows.
func (a *API) extractRelease(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	var body extractBody
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		data, err := readUpTo(w, r, maxExtractJSON)
		if err != nil {
			return err
		}
		if err := decodeJSON(data, &body); err != nil {
			return err
		}
	case "text/plain":
		data, err := readUpTo(w, r, extract.MaxInput)
		if err != nil {
			return err
		}
		body.Text, body.Published = string(data), r.URL.Query().Get("published")
	default:
		return &httperr.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Message: fmt.Sprintf("Send the release as JSON {\"text\": …} with Content-Type: application/json, or as text/plain (got %q).", r.Header.Get("Content-Type"))}
	}
	var opts extract.Options
	if body.Published != "" {
		day, err := time.Parse(time.DateOnly, body.Published)
		if err != nil {
			return invalid("published", "must be a date YYYY-MM-DD")
		}
		opts.Published = day
	}
	x := a.extractor
	if x == nil {
		x = shippedOnly{}
	}
	res, err := x.Read(r.Context(), body.Text, opts)
	if status, rule, ok := intake.Refusal(err); ok {
		return &httperr.Error{Status: status, Code: rule, Message: refusalMessage(err)}
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, proposal{Result: res, Text: res.Text})
}

// refusalMessage is the extractor's reason, with a capital and a full stop.
func refusalMessage(err error) string {
	msg := err.Error()
	if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
		msg = string(msg[0]-'a'+'A') + msg[1:]
	}
	return msg + "."
}

// readUpTo reads the body, answering 413 with the limit when it is larger.
func readUpTo(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &httperr.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("The release is larger than %d bytes (1 MB of text), the limit for one press release.", extract.MaxInput)}
	}
	if err != nil {
		return nil, accord.Errorf(accord.EINVALID, "The request body could not be read.")
	}
	return data, nil
}
