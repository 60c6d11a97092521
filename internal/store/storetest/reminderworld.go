package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// ReminderWorld makes records that reminders are about, dated from Today.
// The reminder job's tests use it too.
type ReminderWorld struct {
	t          testing.TB
	db         *store.DB
	Today      time.Time
	orgs       [2]int64
	engagement int64
}

// NewReminderWorld creates two organizations and the engagement that
// agreements and action points come from. It sets the store's clock to
// today, the day the agreements' signatures are judged on.
func NewReminderWorld(t testing.TB, db *store.DB, today time.Time) *ReminderWorld {
	t.Helper()
	w := &ReminderWorld{t: t, db: db, Today: today}
	db.UseClock(func() time.Time { return today })
	w.orgs[0] = MustCreateOrg(t, db, NewOrg("Organisation of Islamic Cooperation", "OIC")).ID
	w.orgs[1] = MustCreateOrg(t, db, NewOrg("World Health Organization", "WHO")).ID
	e := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting on health cooperation", Date: accord.Date(w.Day(-30)), City: "Geneva", Country: "CH"}
	if err := db.CreateEngagement(Admin(), e); err != nil {
		t.Fatal(err)
	}
	w.engagement = e.ID
	return w
}

// Day is the date days after Today.
func (w *ReminderWorld) Day(days int) accord.Date {
	return accord.Date(w.Today.AddDate(0, 0, days).Format(time.DateOnly))
}

// User adds a user; disabled users are stored disabled.
func (w *ReminderWorld) User(email string, role accord.Role, disabled bool) *accord.User {
	w.t.Helper()
	u := &accord.User{Email: email, Name: "User " + email, Role: role, Disabled: disabled}
	if role == accord.RolePartner {
		u.OrgID = &w.orgs[1]
	}
	if err := w.db.CreateUser(Admin(), u, "x"); err != nil {
		w.t.Fatal(err)
	}
	return u
}

// Agreement adds an agreement expiring days after Today, signed and active
// unless status says otherwise (draft).
func (w *ReminderWorld) Agreement(title string, days int, status string) *accord.Agreement {
	w.t.Helper()
	ctx := Admin()
	signed := w.Day(-10)
	g := &accord.Agreement{Kind: "mou", Title: title, EffectiveDate: signed, ExpiryDate: w.Day(days),
		Parties: []accord.AgreementParty{{OrgID: w.orgs[0], SignedOn: signed}, {OrgID: w.orgs[1], SignedOn: signed}}}
	if err := w.db.CreateAgreement(ctx, g); err != nil {
		w.t.Fatal(err)
	}
	if status == accord.AgDraft {
		return g
	}
	for _, to := range []string{accord.AgNegotiation, accord.AgClearance, accord.AgSigned, accord.AgActive} {
		moved, err := w.db.TransitionAgreement(ctx, g.ID, g.Version, accord.StatusChange{To: to})
		if err != nil {
			w.t.Fatalf("%s → %s: %v", title, to, err)
		}
		g = moved
	}
	return g
}

// ActionPoint adds an open action point due days after Today, owned by owner (nil for none).
func (w *ReminderWorld) ActionPoint(text string, owner *accord.User, days int) *accord.ActionPoint {
	w.t.Helper()
	a := &accord.ActionPoint{EngagementID: w.engagement, Text: text, DueDate: w.Day(days)}
	if owner != nil {
		a.OwnerID = &owner.ID
	}
	if err := w.db.CreateActionPoint(Admin(), a); err != nil {
		w.t.Fatal(err)
	}
	return a
}

// ReminderKeys names reminders as "email kind title stage", sorted, for comparisons.
func ReminderKeys(rs []accord.Reminder) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s %s %s %s", r.To.Email, r.Kind, r.Title, r.Stage)
	}
	slices.Sort(out)
	return out
}
