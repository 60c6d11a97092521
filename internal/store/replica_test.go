package store_test

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/pgcluster"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// Reads that may lag go to a real streaming replica, except a user's reads
// of what they have just written; a replica past the bound, or dead, sends
// every read back to the primary and says why, and one that caught up
// serves again.
func TestReadReplica(t *testing.T) {
	if os.Getenv("ACCORD_TEST_POSTGRES") == "" {
		t.Skip("ACCORD_TEST_POSTGRES is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	primary, standby, err := pgcluster.StartWithReplica(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = standby.Stop(context.Background()); _ = primary.Stop(context.Background()) })

	db := open(t, primary.DSN("postgres"))
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	writer, reader := &accord.User{Email: "writer@example.org", Name: "Writer", Role: accord.RoleOfficer}, &accord.User{Email: "reader@example.org", Name: "Reader", Role: accord.RoleOfficer}
	for _, u := range []*accord.User{writer, reader} {
		if err := db.CreateUser(storetest.Admin(), u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	const bound = 4 * time.Second
	if err := db.UseReplica(ctx, standby.DSN("postgres"), bound); err != nil {
		t.Fatal(err)
	}
	as := func(u *accord.User) context.Context { return store.MayLag(accord.WithActor(ctx, accord.ActorFor(u))) }
	sees := func(u *accord.User, name string) bool {
		t.Helper()
		orgs, total, err := db.ListOrganizations(as(u), accord.OrganizationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(orgs) {
			t.Errorf("%s: total %d for %d organizations listed", u.Email, total, len(orgs))
		}
		for _, o := range orgs {
			if o.NameEN == name {
				return true
			}
		}
		return false
	}
	waitStatus := func(serving bool, reason string) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if s := db.ReplicaStatus(); s.Serving == serving && strings.Contains(s.Reason, reason) {
				return
			}
		}
		t.Fatalf("replica status %+v, want serving=%v saying %q", db.ReplicaStatus(), serving, reason)
	}
	replica := openPgx(t, standby.DSN("postgres"))
	waitStatus(true, "")

	// The replica stops replaying, as one that falls behind does.
	if _, err := replica.ExecContext(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateOrganization(accord.WithActor(ctx, accord.ActorFor(writer)), &accord.Organization{NameEN: "Written on the primary", Type: "40"}); err != nil {
		t.Fatal(err)
	}
	if !sees(writer, "Written on the primary") {
		t.Error("the writer does not read their own write in a read that may lag")
	}
	// A request that may lag finds its token before it knows its user.
	_, hash := auth.NewSecret("")
	if err := db.CreateToken(storetest.Admin(), &accord.Token{UserID: reader.ID, Name: "made a moment ago"}, hash); err != nil {
		t.Fatal(err)
	}
	if _, err := db.TokenUser(store.MayLag(ctx), hash); err != nil {
		t.Errorf("a token made a moment ago, looked up by a request that may lag: %v", err)
	}
	if !db.ReplicaStatus().Serving {
		t.Fatalf("the replica stopped serving before its bound: %+v", db.ReplicaStatus())
	}
	if sees(reader, "Written on the primary") {
		t.Error("another user's read that may lag went to the primary, not the replica")
	}

	waitStatus(false, "behind the primary")
	if !sees(reader, "Written on the primary") {
		t.Error("with the replica past its bound, a read still came from it")
	}

	if _, err := replica.ExecContext(ctx, `SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatal(err)
	}
	waitStatus(true, "")
	if !sees(reader, "Written on the primary") {
		t.Error("the replica serves again but misses what it replayed")
	}

	if err := standby.Kill(); err != nil {
		t.Fatal(err)
	}
	waitStatus(false, "does not answer")
	if err := db.CreateOrganization(accord.WithActor(ctx, accord.ActorFor(writer)), &accord.Organization{NameEN: "Written after the replica died", Type: "40"}); err != nil {
		t.Fatal(err)
	}
	if !sees(reader, "Written after the replica died") {
		t.Error("with the replica dead, a read that may lag did not go to the primary")
	}
}

func openPgx(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
