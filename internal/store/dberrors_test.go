package store_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// An error of the database met while reading a record or checking a
// request is reported as what it is, never as a record that does not exist
// or a field that is invalid: the user would be told to fix what is right.
func TestDatabaseErrorsAreNotNotFoundOrInvalid(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			db := storetest.Open(t, d)
			raw := rawDB(t, db)
			w := storetest.NewCommentWorld(t, db)
			first, _ := w.Submit(t, db, "Amina", "amina@example.org", "Good news for the Sahel.", 0)
			person := &accord.Person{Name: "Tarig Ali Bakhiet"}
			if err := db.CreatePerson(storetest.Admin(), person); err != nil {
				t.Fatal(err)
			}
			submit := func(parent *int64) error {
				_, _, err := db.SubmitComment(context.Background(), &accord.CommentSubmission{NewsID: w.Published.ID, ParentID: parent,
					Name: "Omar", Email: "omar@example.org", Text: "Thank you.", Lang: "en"})
				return err
			}

			withoutTable(t, raw, "news", func() {
				misreported(t, "a comment on a news item", submit(nil))
			})
			withoutTable(t, raw, "comments", func() {
				misreported(t, "a reply to a comment", submit(&first))
			})
			withoutTable(t, raw, "people", func() {
				misreported(t, "an engagement with a participant", db.CreateEngagement(storetest.Admin(), &accord.Engagement{Kind: "meeting", Title: "Talks",
					Date: "2022-07-22", Participants: []accord.Participant{{PersonID: person.ID}}}))
			})

			// A request whose client went away: its reads fail.
			gone, cancel := context.WithCancel(storetest.Admin())
			cancel()
			_, err := db.GetComment(gone, first)
			misreported(t, "reading a comment", err)
			_, err = db.GetNews(gone, w.Published.ID)
			misreported(t, "reading a news item", err)
			_, err = db.UpdateContact(gone, 1, accord.ContactChange{Version: 1, Status: accord.ContactStatuses[0], AssigneeID: &w.Editor.ID})
			misreported(t, "assigning a contact message", err)
		})
	}
}

// rawDB opens db's database beside it, for changes no store method makes.
func rawDB(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	d, target, err := store.ParseDSN(db.DSN())
	if err != nil {
		t.Fatal(err)
	}
	driver := map[store.Dialect]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[d]
	raw, err := sql.Open(driver, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// withoutTable runs fn while table is renamed away, so that every
// statement reading it fails as on a damaged database.
func withoutTable(t *testing.T, raw *sql.DB, table string, fn func()) {
	t.Helper()
	if _, err := raw.Exec(`ALTER TABLE ` + table + ` RENAME TO ` + table + `_gone`); err != nil {
		t.Fatal(err)
	}
	fn()
	if _, err := raw.Exec(`ALTER TABLE ` + table + `_gone RENAME TO ` + table); err != nil {
		t.Fatal(err)
	}
}

// misreported fails the test unless err is the database's own error.
func misreported(t *testing.T, what string, err error) {
	t.Helper()
	if code := accord.ErrorCode(err); err == nil || code == accord.ENOTFOUND || code == accord.EINVALID {
		t.Errorf("%s on a failing database: %v (code %q), want the database's error", what, err, code)
	}
}
