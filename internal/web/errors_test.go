package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestClientGoneIsNoFault: a page whose work stopped because its client
// left (the intake's extraction, a query) answers 499 and logs nothing,
// while a real failure is still logged.
func TestClientGoneIsNoFault(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	s, err := New(Deps{Store: storetest.Open(t, store.SQLite), DBName: "sqlite", Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		err    error
		status int
		logged bool
	}{
		{fmt.Errorf("reading the release: %w", context.Canceled), httperr.StatusClientClosedRequest, false},
		{fmt.Errorf("disk full"), http.StatusInternalServerError, true},
	} {
		logs.Reset()
		rec := httptest.NewRecorder()
		s.html(func(http.ResponseWriter, *http.Request) error { return tt.err }).ServeHTTP(rec, httptest.NewRequest("POST", "/app/intake/read", nil))
		if rec.Code != tt.status || (logs.Len() > 0) != tt.logged {
			t.Errorf("%v: status %d, logged %q; want %d, logged %v", tt.err, rec.Code, logs.String(), tt.status, tt.logged)
		}
	}
}
