package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// openForBulk opens a fresh migrated database (storetest cannot be
// imported here: it imports this package).
func openForBulk(t *testing.T, d Dialect) *DB {
	t.Helper()
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "bulk.db")
	if d == Postgres {
		base := os.Getenv("ACCORD_TEST_POSTGRES")
		if base == "" {
			t.Skip("ACCORD_TEST_POSTGRES is not set")
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		schema := "bulk_" + hex.EncodeToString(b)
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		})
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestBulkWriterWritesAsCreate writes each kind of record once by its
// Create method and once by the BulkWriter, and compares what was stored:
// the search text above all, which the full-text indexes are built from.
func TestBulkWriterWritesAsCreate(t *testing.T) {
	for _, d := range []Dialect{SQLite, Postgres} {
		t.Run(string(d), func(t *testing.T) {
			db := openForBulk(t, d)
			ctx := accord.WithActor(context.Background(), accord.SystemActor)
			a := &accord.Organization{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé", NameAR: "منظمة الصحة العالمية",
				Acronym: "WHO", Type: "40", HQCountry: "CH"}
			b := &accord.Organization{NameEN: "Organisation of Islamic Cooperation", NameFR: "Organisation de la coopération islamique", Acronym: "OIC", Type: "40"}
			for _, o := range []*accord.Organization{a, b} {
				if err := db.CreateOrganization(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			p := &accord.Person{Name: "Tarig Ali Bakhiet", Honorific: "Ambassador", Positions: []accord.Position{{Title: "Assistant Secretary-General", OrgID: b.ID}}}
			if err := db.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			u := &accord.User{Email: "officer@example.org", Name: "Amina Diallo", Role: accord.RoleOfficer}
			if err := db.CreateUser(ctx, u, "x"); err != nil {
				t.Fatal(err)
			}

			engagement := func() *accord.Engagement {
				return &accord.Engagement{Kind: "meeting", Title: "Réunion OCI–OMS sur la santé", Date: "2022-07-22", City: "Genève", Country: "CH",
					Summary: "Met the Director-General.", Outcomes: "Agreed to develop an MoU.", Topics: []string{"health", "vaccines"},
					Organizations: []accord.EngagementOrg{{OrgID: a.ID}}, Participants: []accord.Participant{{PersonID: p.ID, OrgID: b.ID, Title: "ASG"}},
					Sources: []accord.Source{{Title: "Press release", URL: "https://example.org/news/1"}}}
			}
			e1, e2 := engagement(), engagement()
			if err := db.CreateEngagement(ctx, e1); err != nil {
				t.Fatal(err)
			}
			point := func(e int64) *accord.ActionPoint {
				return &accord.ActionPoint{EngagementID: e, Text: "Develop a memorandum of understanding", OwnerID: &u.ID, DueDate: "2022-12-31",
					Parties: []accord.EngagementOrg{{OrgID: b.ID}, {OrgID: a.ID}, {OrgID: b.ID}}}
			}
			ap1 := point(e1.ID)
			if err := db.CreateActionPoint(ctx, ap1); err != nil {
				t.Fatal(err)
			}
			agreement := func(e int64) *accord.Agreement {
				return &accord.Agreement{Kind: "mou", Title: "Memorandum of Understanding between OIC and WHO", Summary: "Health cooperation.",
					EngagementID: &e, Parties: []accord.AgreementParty{{OrgID: b.ID, Signatory: "Tarig Ali Bakhiet"}, {OrgID: a.ID}}}
			}
			g1 := agreement(e1.ID)
			if err := db.CreateAgreement(ctx, g1); err != nil {
				t.Fatal(err)
			}
			plan := func(g int64) *accord.Plan {
				return &accord.Plan{Title: "Plan of action on health", Summary: "Vaccines for the Sahel.", StartDate: "2023-01-01", EndDate: "2025-12-31",
					Agreements: []accord.PlanAgreement{{AgreementID: g}}, Objectives: []accord.Objective{{Title: "Access to vaccines"}, {Title: "Training"}}}
			}
			p1 := plan(g1.ID)
			if err := db.CreatePlan(ctx, p1); err != nil {
				t.Fatal(err)
			}
			activity := func(pl *accord.Plan) *accord.Activity {
				return &accord.Activity{PlanID: pl.ID, ObjectiveID: &pl.Objectives[0].ID, Title: "Vaccine access for Niger", Description: "Cold chain.",
					Kind: "vaccine_access", Status: 2, LeadOrgID: a.ID, Implementing: []accord.EngagementOrg{{OrgID: b.ID}, {OrgID: a.ID}},
					Countries: []string{"NE"}, Groups: []string{"SAHEL"}, Sectors: []accord.ActivitySector{{Code: "12250", Percent: 60}, {Code: "12264", Percent: 40}},
					PlannedStart: "2023-02-01", Budget: "250000", Currency: "USD"}
			}
			x1 := activity(p1)
			if err := db.CreateActivity(ctx, x1); err != nil {
				t.Fatal(err)
			}

			w, err := db.NewBulkWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Rollback()
			if err := w.Engagements([]*accord.Engagement{e2}); err != nil {
				t.Fatal(err)
			}
			ap2 := point(e2.ID)
			if err := w.ActionPoints([]*accord.ActionPoint{ap2}); err != nil {
				t.Fatal(err)
			}
			g2 := agreement(e2.ID)
			if err := w.Agreements([]*accord.Agreement{g2}); err != nil {
				t.Fatal(err)
			}
			p2 := plan(g2.ID)
			if err := w.Plans([]*accord.Plan{p2}); err != nil {
				t.Fatal(err)
			}
			x2 := activity(p2)
			if err := w.Activities([]*accord.Activity{x2}); err != nil {
				t.Fatal(err)
			}
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}

			for _, c := range []struct {
				table    string
				id1, id2 int64
			}{{"engagements", e1.ID, e2.ID}, {"action_points", ap1.ID, ap2.ID}, {"agreements", g1.ID, g2.ID}, {"plans", p1.ID, p2.ID}, {"activities", x1.ID, x2.ID}} {
				var s1, s2 string
				if err := db.read.QueryRow(db.q("SELECT search FROM "+c.table+" WHERE id = ?"), c.id1).Scan(&s1); err != nil {
					t.Fatal(err)
				}
				if err := db.read.QueryRow(db.q("SELECT search FROM "+c.table+" WHERE id = ?"), c.id2).Scan(&s2); err != nil {
					t.Fatal(err)
				}
				if s1 == "" || s1 != s2 {
					t.Errorf("%s: search text\n created: %q\n bulk:    %q", c.table, s1, s2)
				}
			}

			// What was written reads back as what Create stored.
			got1, err := db.GetEngagement(ctx, e1.ID)
			if err != nil {
				t.Fatal(err)
			}
			got2, err := db.GetEngagement(ctx, e2.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got1.Organizations, got2.Organizations) || !slices.Equal(got1.Participants, got2.Participants) ||
				!slices.Equal(got1.Sources, got2.Sources) || !slices.Equal(got1.Topics, got2.Topics) {
				t.Errorf("engagement read back differs:\n created: %+v\n bulk:    %+v", got1, got2)
			}
			gotX1, err := db.GetActivity(ctx, x1.ID)
			if err != nil {
				t.Fatal(err)
			}
			gotX2, err := db.GetActivity(ctx, x2.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(gotX1.Beneficiaries, gotX2.Beneficiaries) || !slices.Equal(gotX1.Sectors, gotX2.Sectors) ||
				!slices.Equal(gotX1.Implementing, gotX2.Implementing) || gotX2.ObjectiveID == nil || *gotX2.ObjectiveID != p2.Objectives[0].ID {
				t.Errorf("activity read back differs:\n created: %+v\n bulk:    %+v", gotX1, gotX2)
			}
			// The full-text index has the bulk records, and no audit entry was written for them.
			found, _, err := db.ListEngagements(ctx, accord.EngagementFilter{Q: "sante geneve"})
			if err != nil || len(found) != 2 {
				t.Errorf("search for the two engagements found %d (%v)", len(found), err)
			}
			var audited int
			if err := db.read.QueryRow(db.q("SELECT COUNT(*) FROM audit_log WHERE entity = 'engagement' AND entity_id = ?"), e2.ID).Scan(&audited); err != nil || audited != 0 {
				t.Errorf("bulk engagement has %d audit entries (%v)", audited, err)
			}
			// IDs continue after the bulk ones (PostgreSQL's sequences were moved on).
			e3 := engagement()
			if err := db.CreateEngagement(ctx, e3); err != nil || e3.ID <= e2.ID {
				t.Errorf("create after a bulk load: id %d after %d (%v)", e3.ID, e2.ID, err)
			}
		})
	}
}

// TestBulkWriterRollback leaves nothing behind.
func TestBulkWriterRollback(t *testing.T) {
	db := openForBulk(t, SQLite)
	ctx := accord.WithActor(context.Background(), accord.SystemActor)
	w, err := db.NewBulkWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Organizations([]*accord.Organization{{NameEN: "Ghost", Type: "21"}}); err != nil {
		t.Fatal(err)
	}
	w.Rollback()
	if _, n, err := db.ListOrganizations(ctx, accord.OrganizationFilter{}); err != nil || n != 0 {
		t.Errorf("after rollback: %d organizations (%v)", n, err)
	}
	if err := w.Commit(); err == nil {
		t.Error("commit after rollback succeeded")
	}
}
