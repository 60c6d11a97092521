package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
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
		{&statusError{status: 412, code: "precondition_failed"}, 412},
		{fmt.Errorf("reading: %w", context.Canceled), 499},
		{context.DeadlineExceeded, 503},
		{nil, 200},
	} {
		if got := Status(c.err); got != c.want {
			t.Errorf("Status(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

func TestWriteProblem(t *testing.T) {
	e := newEnv(t)
	req := httptest.NewRequest("GET", "/api/v1/organizations/7", nil)
	rec := httptest.NewRecorder()
	WriteProblem(rec, req, &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention",
		Fields: []accord.FieldError{{Field: "name_en", Message: "is required"}}})
	r := &response{t: t, status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	p := r.problem()
	if r.status != 400 || p.Type != "https://accord.dev/problems/invalid" || p.Instance != "/api/v1/organizations/7" || !p.names("name_en") {
		t.Errorf("problem %+v", p)
	}

	// Internal errors are logged, and their text stays on the server.
	req = httptest.NewRequest("GET", "/api/v1/organizations", nil)
	req = req.WithContext(context.WithValue(req.Context(), loggerKey{}, e.api.log))
	rec = httptest.NewRecorder()
	WriteProblem(rec, req, errors.New("pq: password authentication failed for user accord"))
	r = &response{t: t, status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	p = r.problem()
	if r.status != 500 || p.Type != "about:blank" || strings.Contains(string(r.body), "password") || len(p.Errors) != 0 {
		t.Errorf("internal error leaked or mis-typed: %s", r.body)
	}
	if !strings.Contains(e.logs.String(), "password authentication failed") {
		t.Errorf("internal error not logged: %s", e.logs.String())
	}

	// Client errors are not logged.
	before := e.logs.String()
	rec = httptest.NewRecorder()
	WriteProblem(rec, req, accord.Errorf(accord.ENOTFOUND, "Organization 7 does not exist or is not visible to you."))
	if e.logs.String() != before {
		t.Errorf("a 404 was logged")
	}
	if rec.Code != http.StatusNotFound {
		t.Errorf("status %d", rec.Code)
	}
}
