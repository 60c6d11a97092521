package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// precondition is the version of a record a change is made against, so that
// a change made by someone else in between is refused, never overwritten.
type precondition struct {
	version int
	header  bool // from If-Match: a stale version answers 412, not 409
}

// preconditionFor returns the version named by If-Match, else bodyVersion
// (the "version" field of the body), else a 428 explaining what to send.
// When both are given, If-Match wins.
func preconditionFor(r *http.Request, bodyVersion int) (precondition, error) {
	v, ok, err := ifMatch(r)
	switch {
	case err != nil:
		return precondition{}, err
	case ok:
		return precondition{version: v, header: true}, nil
	case bodyVersion > 0:
		return precondition{version: bodyVersion}, nil
	}
	return precondition{}, &httperr.Error{Status: http.StatusPreconditionRequired, Code: "precondition_required",
		Message: `Say which version you are changing: send If-Match: "N" with the ETag of the record as you read it, or its "version" in the body. This keeps you from overwriting someone else's change unseen.`}
}

// versionOnly is preconditionFor for requests without a record in the body
// (archive, restore, delete): If-Match, else an optional body {"version": N}.
func versionOnly(w http.ResponseWriter, r *http.Request) (precondition, error) {
	var body struct {
		Version int `json:"version"`
	}
	if _, ok, _ := ifMatch(r); !ok {
		if err := decodeOptionalBody(w, r, &body); err != nil {
			return precondition{}, err
		}
	}
	return preconditionFor(r, body.Version)
}

// ifMatch parses If-Match: "3", 3 or W/"3".
func ifMatch(r *http.Request) (int, bool, error) {
	raw, present := r.Header["If-Match"]
	if !present {
		return 0, false, nil
	}
	s := strings.TrimSpace(strings.Join(raw, ","))
	s = strings.TrimPrefix(s, "W/")
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		return 0, false, invalid("If-Match", fmt.Sprintf(`must name one version as the ETag gives it, such as "3", not %s`, strings.Join(raw, ",")))
	}
	return v, true, nil
}

// stale turns the service's stale-version conflict into 412 Precondition
// Failed when the version came from If-Match. Other conflicts (a taken email)
// stay 409: the record's current version tells them apart.
func (p precondition) stale(ctx context.Context, err error, current func(ctx context.Context) (int, error)) error {
	if !p.header || accord.ErrorCode(err) != accord.ECONFLICT {
		return err
	}
	v, cerr := current(ctx)
	if cerr != nil || v == p.version {
		return err
	}
	return &httperr.Error{Status: http.StatusPreconditionFailed, Code: "precondition_failed",
		Message: fmt.Sprintf(`The record was changed by someone else: If-Match says version %d, it is now at version %d. Read it again (its ETag is "%d") and apply your change to that.`, p.version, v, v)}
}
