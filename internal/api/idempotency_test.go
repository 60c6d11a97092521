package api

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

const whoBody = `{"name_en":"World Health Organization","acronym":"WHO","type":"40"}`

// orgCount is how many organizations the database holds.
func orgCount(e *env) int {
	e.t.Helper()
	_, total := listOf[accord.Organization](e.do("GET", "/api/v1/organizations", e.adminT, nil).want(200))
	return total
}

// TestIdempotencyKeyReplaysTheAnswer: a create sent again with its key gets
// the first answer and creates nothing; the key with another body is 422; a
// malformed key is 400 naming the header.
func TestIdempotencyKeyReplaysTheAnswer(t *testing.T) {
	e := newEnv(t)
	first := e.do("POST", "/api/v1/organizations", e.adminT, whoBody, "Idempotency-Key", `"8e03978e-40d5-43e8-bc93-6894a57f9324"`).want(201)
	again := e.do("POST", "/api/v1/organizations", e.adminT, whoBody, "Idempotency-Key", `"8e03978e-40d5-43e8-bc93-6894a57f9324"`).want(201)
	if !bytes.Equal(again.body, first.body) || again.header.Get("Location") != first.header.Get("Location") ||
		again.header.Get("ETag") != first.header.Get("ETag") || again.header.Get("Content-Type") != "application/json" {
		t.Errorf("retry answered %s %v, want the first answer %s %v", again.body, again.header, first.body, first.header)
	}
	if n := orgCount(e); n != 1 {
		t.Errorf("%d organizations after a create and its retry, want 1", n)
	}

	p := e.do("POST", "/api/v1/organizations", e.adminT, `{"name_en":"Other","type":"40"}`, "Idempotency-Key", `"8e03978e-40d5-43e8-bc93-6894a57f9324"`).want(422).problem()
	if p.Type != problemBase+"idempotency_key_reused" {
		t.Errorf("key reused with another body: %+v", p)
	}
	if p := e.do("POST", "/api/v1/organizations", e.adminT, whoBody, "Idempotency-Key", `"`+strings.Repeat("k", 300)+`"`).want(400).problem(); !p.names("Idempotency-Key") {
		t.Errorf("a malformed key: %+v, want the header named", p)
	}
	// Another user's key of the same name is theirs alone.
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	e.do("POST", "/api/v1/organizations", officerT, whoBody, "Idempotency-Key", `"8e03978e-40d5-43e8-bc93-6894a57f9324"`).want(201)
	// A request refused before any write leaves its key free for the corrected one.
	e.do("POST", "/api/v1/organizations", e.adminT, `{"type":"40"}`, "Idempotency-Key", "k2").want(400)
	e.do("POST", "/api/v1/organizations", e.adminT, `{"name_en":"IOM","type":"40"}`, "Idempotency-Key", "k2").want(201)
	if n := orgCount(e); n != 3 {
		t.Errorf("%d organizations, want 3", n)
	}
}

// TestIdempotencyKeyWhileRunning: a retry that arrives while the first
// request's write has committed but its answer is not yet kept gets 409.
func TestIdempotencyKeyWhileRunning(t *testing.T) {
	e := newEnv(t)
	req := httptest.NewRequest("POST", "/api/v1/organizations", nil)
	req.Header.Set("Content-Type", "application/json")
	claim := &accord.IdempotencyClaim{Key: "running", Fingerprint: requestFingerprint(req, []byte(whoBody))}
	ctx := accord.WithIdempotencyClaim(storetest.As(e.admin), claim)
	if err := e.db.CreateOrganization(ctx, storetest.NewOrg("World Health Organization", "WHO")); err != nil || !claim.Taken() {
		t.Fatalf("create with a claim: %v, taken %v", err, claim.Taken())
	}
	p := e.do("POST", "/api/v1/organizations", e.adminT, whoBody, "Idempotency-Key", "running").want(409).problem()
	if p.Type != problemBase+"idempotency_key_in_use" {
		t.Errorf("retry while running: %+v", p)
	}
	if n := orgCount(e); n != 1 {
		t.Errorf("%d organizations, want 1", n)
	}
}

// TestIdempotencyKeyAcrossInstances: two instances on one database. A
// create whose answer never reached the client, retried on the other
// instance, gets the first answer; retries sent to both at once create one
// record between them.
func TestIdempotencyKeyAcrossInstances(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			a := envOn(t, storetest.Open(t, d))
			other, err := store.Open(context.Background(), a.db.DSN())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { other.Close() })
			b := envOn(t, other)
			a.admin, a.adminT = a.user("admin@example.org", accord.RoleAdmin, nil)
			b.admin, b.adminT = a.admin, a.adminT

			lost := a.do("POST", "/api/v1/organizations", a.adminT, whoBody, "Idempotency-Key", "lost-answer").want(201)
			retry := b.do("POST", "/api/v1/organizations", b.adminT, whoBody, "Idempotency-Key", "lost-answer").want(201)
			if retry.header.Get("Location") != lost.header.Get("Location") || !bytes.Equal(retry.body, lost.body) {
				t.Errorf("retry on the other instance: %s at %q, want %s at %q", retry.body, retry.header.Get("Location"), lost.body, lost.header.Get("Location"))
			}

			const rounds = 8
			for i := range rounds {
				key := "race-" + string(rune('a'+i))
				answers := make([]*response, 2)
				var wg sync.WaitGroup
				for j, inst := range []*env{a, b} {
					wg.Go(func() {
						answers[j] = inst.do("POST", "/api/v1/organizations", inst.adminT, whoBody, "Idempotency-Key", key)
					})
				}
				wg.Wait()
				for _, r := range answers {
					if r.status != 201 && r.status != 409 {
						t.Errorf("round %d: a racing retry answered %d %s", i, r.status, r.body)
					}
				}
				again := a.do("POST", "/api/v1/organizations", a.adminT, whoBody, "Idempotency-Key", key).want(201)
				for _, r := range answers {
					if r.status == 201 && r.header.Get("Location") != again.header.Get("Location") {
						t.Errorf("round %d: two records, at %s and %s", i, r.header.Get("Location"), again.header.Get("Location"))
					}
				}
			}
			if n := orgCount(a); n != 1+rounds {
				t.Errorf("%d organizations after %d creates each sent several times, want %d", n, 1+rounds, 1+rounds)
			}
		})
	}
}
