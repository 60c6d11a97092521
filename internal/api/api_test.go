package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// env is an API over a fresh SQLite store, with an administrator's token.
type env struct {
	t      *testing.T
	db     *store.DB
	api    *API
	mux    *http.ServeMux
	logs   *syncBuffer
	admin  *accord.User
	adminT string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := envOn(t, storetest.Open(t, store.SQLite))
	e.admin, e.adminT = e.user("admin@example.org", accord.RoleAdmin, nil)
	return e
}

// envOn is an API over db, as one instance of several sharing a database.
func envOn(t *testing.T, db *store.DB) *env {
	t.Helper()
	logs := &syncBuffer{}
	a := New(Deps{Store: db, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	mux := http.NewServeMux()
	a.Register(mux)
	return &env{t: t, db: db, api: a, mux: mux, logs: logs}
}

// user creates a user of the given role and an API token for them.
func (e *env) user(email string, role accord.Role, org *int64) (*accord.User, string) {
	e.t.Helper()
	u := &accord.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, OrgID: org}
	if err := e.db.CreateUser(storetest.Admin(), u, "unused-hash"); err != nil {
		e.t.Fatal(err)
	}
	return u, e.token(u)
}

func (e *env) token(u *accord.User) string {
	e.t.Helper()
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	if err := e.db.CreateToken(storetest.As(u), &accord.Token{UserID: u.ID, Name: "test"}, hash); err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// org creates an organization in the store.
func (e *env) org(name, acronym string) *accord.Organization {
	e.t.Helper()
	return storetest.MustCreateOrg(e.t, e.db, storetest.NewOrg(name, acronym))
}

// response is what the API answered.
type response struct {
	t      *testing.T
	status int
	header http.Header
	body   []byte
}

// do sends a request. body may be nil, a string (sent as is) or a value
// (sent as JSON); with a body, Content-Type is application/json unless
// headers say otherwise. headers alternate names and values.
func (e *env) do(method, path, token string, body any, headers ...string) *response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	res := &response{t: e.t, status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	if res.status >= 500 {
		e.t.Errorf("%s %s answered %d: %s\nlogs: %s", method, path, res.status, res.body, e.logs.String())
	}
	return res
}

// want fails the test unless the status is as expected.
func (r *response) want(status int) *response {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
	return r
}

// json decodes the body into v.
func (r *response) json(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		r.t.Fatalf("body is not JSON (%v): %s", err, r.body)
	}
}

// problemBase starts the type URI of the problems the API writes.
const problemBase = "https://accord.dev/problems/"

// problem is an RFC 9457 problem detail as the API writes it (httperr.WriteProblem).
type problem struct {
	Type     string              `json:"type"`
	Title    string              `json:"title"`
	Status   int                 `json:"status"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Errors   []accord.FieldError `json:"errors,omitempty"`
}

// problem decodes a problem answer, checking its media type and status.
func (r *response) problem() problem {
	r.t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		r.t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	var p problem
	r.json(&p)
	if p.Status != r.status || p.Title != http.StatusText(r.status) || p.Type == "" {
		r.t.Errorf("problem %+v does not match status %d", p, r.status)
	}
	return p
}

// fields lists the fields a problem names.
func (p problem) fields() []string {
	var out []string
	for _, f := range p.Errors {
		out = append(out, f.Field)
	}
	return out
}

func (p problem) names(field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

// listOf decodes a list envelope.
func listOf[T any](r *response) ([]T, int) {
	r.t.Helper()
	var l struct {
		Items *[]T `json:"items"`
		Total *int `json:"total"`
	}
	r.json(&l)
	if l.Items == nil || l.Total == nil {
		r.t.Fatalf("not a list envelope with items and total: %s", r.body)
	}
	return *l.Items, *l.Total
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	for _, r := range []*response{
		e.do("GET", "/api/v1/organizations", e.adminT, nil).want(200),
		e.do("GET", "/api/v1/organizations/999", e.adminT, nil).want(404),
		e.do("GET", "/api/v1/organizations", "", nil).want(401),
		e.do("GET", "/api/v1/openapi.json", "", nil).want(200),
		e.do("GET", "/api/v1/nowhere", "", nil).want(404),
	} {
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("headers %v lack nosniff or no-store", r.header)
		}
	}
}

func TestUnknownPathsAndMethods(t *testing.T) {
	e := newEnv(t)
	p := e.do("GET", "/api/v1/treaties", e.adminT, nil).want(404).problem()
	if !strings.Contains(p.Detail, "/api/v1/treaties") {
		t.Errorf("detail %q does not name the path", p.Detail)
	}
	r := e.do("PATCH", "/api/v1/organizations/1", e.adminT, `{}`).want(405)
	r.problem()
	if allow := r.header.Get("Allow"); allow != "GET, PUT, DELETE" {
		t.Errorf("Allow %q", allow)
	}
	if allow := e.do("DELETE", "/api/v1/organizations", e.adminT, nil).want(405).header.Get("Allow"); allow != "GET, POST" {
		t.Errorf("Allow %q", allow)
	}
}
