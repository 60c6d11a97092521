package httperr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

func TestStatus(t *testing.T) {
	for _, c := range []struct {
		err  error
		want int
	}{
		{accord.Errorf(accord.EINVALID, "x"), 400},
		{accord.Errorf(accord.ENOTFOUND, "x"), 404},
		{accord.Errorf(accord.ECONFLICT, "x"), 409},
		{accord.Errorf(accord.EUNAUTHORIZED, "x"), 401},
		{accord.Errorf(accord.EFORBIDDEN, "x"), 403},
		{accord.Errorf(accord.ETOOMANY, "x"), 429},
		{accord.Errorf(accord.EINTERNAL, "x"), 500},
		{errors.New("disk full"), 500},
		{fmt.Errorf("wrapped: %w", accord.Errorf(accord.ENOTFOUND, "x")), 404},
		{&Error{Status: 412, Code: "precondition_failed"}, 412},
		{fmt.Errorf("reading: %w", context.Canceled), 499},
		{context.DeadlineExceeded, 503},
		{nil, 200},
	} {
		if got := Status(c.err); got != c.want {
			t.Errorf("Status(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

// written decodes the problem rec holds, checking that it is one and
// agrees with the status.
func written(t *testing.T, rec *httptest.ResponseRecorder) problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	if p.Status != rec.Code || p.Title != http.StatusText(rec.Code) || p.Type == "" {
		t.Errorf("problem %+v does not match status %d", p, rec.Code)
	}
	return p
}

func TestWriteProblem(t *testing.T) {
	var logs bytes.Buffer
	req := httptest.NewRequest("GET", "/api/v1/organizations/7", nil)
	rec := httptest.NewRecorder()
	WriteProblem(rec, req, &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention",
		Fields: []accord.FieldError{{Field: "name_en", Message: "is required"}}})
	p := written(t, rec)
	if rec.Code != 400 || p.Type != "https://accord.dev/problems/invalid" || p.Instance != "/api/v1/organizations/7" ||
		!slices.ContainsFunc(p.Errors, func(f accord.FieldError) bool { return f.Field == "name_en" }) {
		t.Errorf("problem %+v", p)
	}

	// Internal errors are logged, and their text stays on the server.
	req = httptest.NewRequest("GET", "/api/v1/organizations", nil)
	req = req.WithContext(WithLogger(req.Context(), slog.New(slog.NewTextHandler(&logs, nil))))
	rec = httptest.NewRecorder()
	WriteProblem(rec, req, errors.New("pq: password authentication failed for user accord"))
	p = written(t, rec)
	if rec.Code != 500 || p.Type != "about:blank" || strings.Contains(rec.Body.String(), "password") || len(p.Errors) != 0 {
		t.Errorf("internal error leaked or mis-typed: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "password authentication failed") {
		t.Errorf("internal error not logged: %s", logs.String())
	}

	// Client errors are not logged.
	before := logs.String()
	rec = httptest.NewRecorder()
	WriteProblem(rec, req, accord.Errorf(accord.ENOTFOUND, "Organization 7 does not exist or is not visible to you."))
	if logs.String() != before {
		t.Errorf("a 404 was logged")
	}
	if rec.Code != http.StatusNotFound {
		t.Errorf("status %d", rec.Code)
	}
}
