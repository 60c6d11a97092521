package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// TestShutdownDrains: on shutdown /readyz answers 503 while the instance
// still serves, and a request in flight when the listener closes (a create
// waiting for the database's write lock) still completes.
func TestShutdownDrains(t *testing.T) {
	file := filepath.Join(t.TempDir(), "accord.db")
	const drain = 500 * time.Millisecond
	s, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DB: "sqlite:" + file, LogFormat: "text", LogLevel: "error",
		SessionTTL: time.Hour, Shutdown: Shutdown{DrainPeriod: drain, Grace: 20 * time.Second}}, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	ctx := accord.WithActor(context.Background(), accord.SystemActor)
	u := &accord.User{Email: "ada@example.org", Name: "Ada", Role: accord.RoleAdmin}
	if err := s.DB.CreateUser(ctx, u, "x"); err != nil {
		t.Fatal(err)
	}
	secret, hash := auth.NewSecret(auth.TokenPrefix)
	if err := s.DB.CreateToken(ctx, &accord.Token{UserID: u.ID, Name: "shutdown test"}, hash); err != nil {
		t.Fatal(err)
	}

	// Another process holds the write lock, so the create waits in flight.
	other, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lock, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if _, err := lock.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	created := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", s.URL+"/api/v1/organizations", strings.NewReader(`{"name_en":"World Health Organization","type":"40"}`))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("the create in flight at shutdown: %v", err)
			created <- 0
			return
		}
		res.Body.Close()
		created <- res.StatusCode
	}()
	time.Sleep(100 * time.Millisecond) // let the create reach the lock
	stopped := make(chan error, 1)
	go func() { stopped <- s.Shutdown() }()

	var ready struct{ Status string }
	deadline := time.Now().Add(drain)
	for ready.Status != "draining" && time.Now().Before(deadline) {
		res, err := http.Get(s.URL + "/readyz")
		if err != nil {
			t.Fatalf("/readyz during the drain period: %v", err)
		}
		_ = json.NewDecoder(res.Body).Decode(&ready)
		res.Body.Close()
		if ready.Status == "draining" && res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("/readyz draining with status %d", res.StatusCode)
		}
	}
	if ready.Status != "draining" {
		t.Errorf("/readyz during the drain period: %q, want draining", ready.Status)
	}
	time.Sleep(drain) // the listener has closed; the create is still waiting
	if _, err := lock.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if status := <-created; status != http.StatusCreated {
		t.Errorf("the create in flight at shutdown answered %d, want 201", status)
	}
	if err := <-stopped; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}
