package web

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// While another process holds the SQLite database's write lock, /readyz
// answers 503 in about its timeout and says why.
func TestReadyzWhenDatabaseLocked(t *testing.T) {
	e := newEnv(t)
	file := strings.TrimPrefix(e.db.DSN(), "sqlite:")
	other, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK") //nolint:errcheck

	start := time.Now()
	p := e.browser().get("/readyz")
	took := time.Since(start)
	var body map[string]string
	_ = json.Unmarshal([]byte(p.Body), &body)
	if p.StatusCode != 503 || body["status"] != "unavailable" || !strings.Contains(body["reason"], "write") {
		t.Errorf("/readyz with the database locked: %d %s, want 503 naming the write", p.StatusCode, p.Body)
	}
	if took > 5*time.Second {
		t.Errorf("/readyz took %v with the database locked; a load balancer's probe gives up sooner", took)
	}
}
