package storetest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testReminders(t *testing.T, db *store.DB) {
	ctx := Admin()
	today := time.Date(2030, 1, 10, 9, 0, 0, 0, time.UTC)
	w := NewReminderWorld(t, db, today)
	admin := w.User("admin@example.org", accord.RoleAdmin, false)
	editor := w.User("editor@example.org", accord.RoleEditor, false)
	officer := w.User("officer@example.org", accord.RoleOfficer, false)
	viewer := w.User("viewer@example.org", accord.RoleViewer, false)
	w.User("partner@example.org", accord.RolePartner, false)
	gone := w.User("gone@example.org", accord.RoleOfficer, true)

	// Windows: the smallest one the expiry falls in, limits included.
	for _, c := range []struct {
		title string
		days  int
	}{{"A95", 95}, {"A90", 90}, {"A61", 61}, {"A60", 60}, {"A31", 31}, {"A30", 30}, {"A0", 0}, {"Apast", -1}} {
		w.Agreement(c.title, c.days, accord.AgActive)
	}
	w.Agreement("Adraft", 20, accord.AgDraft)
	w.ActionPoint("P8", officer, 8)
	w.ActionPoint("P7", officer, 7)
	w.ActionPoint("P0", officer, 0)
	w.ActionPoint("Plate", officer, -1)
	done := w.ActionPoint("Pdone", officer, -3)
	if _, err := db.TransitionActionPoint(ctx, done.ID, done.Version, accord.APDone, "sent the draft"); err != nil {
		t.Fatal(err)
	}
	w.ActionPoint("Pnobody", nil, 2)
	w.ActionPoint("Pgone", gone, 1)
	w.ActionPoint("Pviewer", viewer, 3)

	agreementKeys := func(email string, stages map[string]string) []string {
		var out []string
		for title, stage := range stages {
			out = append(out, email+" agreement_expiry "+title+" "+stage)
		}
		return out
	}
	day1 := map[string]string{"A90": "90", "A61": "90", "A60": "60", "A31": "60", "A30": "30", "A0": "30"}
	var want []string
	for _, u := range []*accord.User{admin, editor, officer} {
		want = append(want, agreementKeys(u.Email, day1)...)
	}
	want = append(want, "officer@example.org action_point_due P7 due7", "officer@example.org action_point_due P0 due7",
		"officer@example.org action_point_due Plate overdue", "viewer@example.org action_point_due Pviewer due7")
	slices.Sort(want)
	due, err := db.DueReminders(ctx, today, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := ReminderKeys(due); !slices.Equal(got, want) {
		t.Errorf("due on day 1:\n got %q\nwant %q", got, want)
	}
	for _, r := range due {
		if r.Kind == accord.ReminderActionPointDue && (r.Source != "OIC–WHO meeting on health cooperation" || r.Date == "") {
			t.Errorf("action point reminder without its engagement or date: %+v", r)
		}
	}

	// One digest per user and day: enqueued once, claimed by one instance
	// at a time; once sent, never claimed again.
	day := w.Day(0)
	digests := accord.GroupDigests(day, due)
	if len(digests) != 4 || digests[0].To.UserID != admin.ID || len(digests[0].Reminders) != 6 {
		t.Fatalf("digests: %+v", digests)
	}
	q := jobQueue{t: t, db: db, kind: accord.JobReminderDigest, lease: accord.DigestStallTimeout}
	digest := func(u *accord.User) accord.NewJob {
		return accord.NewJob{Kind: accord.JobReminderDigest, Key: fmt.Sprintf("%d/%s", u.ID, day), RunAfter: today, MaxAttempts: accord.DigestMaxAttempts}
	}
	claim := func(u *accord.User, instance string, at time.Time) (accord.Job, bool) {
		t.Helper()
		j, key := q.claimOne(instance, at)
		if key != "" && key != digest(u).Key {
			t.Fatalf("claimed %s, want %s", key, digest(u).Key)
		}
		return j, key != ""
	}
	if n := q.enqueue(digest(admin), digest(admin)); n != 1 {
		t.Errorf("the admin's digest enqueued %d times", n)
	}
	held, ok := claim(admin, "one", today)
	if _, again := claim(admin, "two", today); !ok || again {
		t.Error("a held claim was claimed again")
	}
	if _, again := claim(admin, "one", today.Add(time.Minute)); again {
		t.Error("a held claim was claimed again")
	}
	if err := db.MarkDigestSent(ctx, digests[0], today); err != nil {
		t.Fatal(err)
	}
	if err := db.Ack(ctx, held.ID, "one", today); err != nil {
		t.Fatal(err)
	}
	if q.enqueue(digest(admin)) != 0 {
		t.Error("a sent digest was enqueued again")
	}
	if _, again := claim(admin, "two", today.Add(accord.DigestStallTimeout+time.Hour)); again {
		t.Error("a sent digest was claimed again")
	}
	due, _ = db.DueReminders(ctx, today, 0)
	for _, r := range due {
		if r.To.UserID == admin.ID {
			t.Errorf("the admin's digest went out, yet %+v is due", r)
		}
	}
	if len(due) != 6+6+4 {
		t.Errorf("after the admin's digest: %q", ReminderKeys(due))
	}
	mine, _ := db.DueReminders(ctx, today, officer.ID)
	if keys := ReminderKeys(mine); len(keys) != 6+3 || !slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, officer.Email+" action_point_due Plate") }) {
		t.Errorf("the officer's reminders alone: %q", keys)
	}
	for _, r := range mine {
		if r.To.UserID != officer.ID {
			t.Errorf("asked for the officer's, got %+v", r)
		}
	}

	// The next day only what moved to a smaller window is due again for
	// the admin; the others still have all of theirs.
	due, _ = db.DueReminders(ctx, today.AddDate(0, 0, 1), 0)
	var adminNext []string
	for _, r := range due {
		if r.To.UserID == admin.ID {
			adminNext = append(adminNext, r.Title+" "+r.Stage)
		}
	}
	slices.Sort(adminNext)
	if want := []string{"A31 30", "A61 60"}; !slices.Equal(adminNext, want) {
		t.Errorf("admin's reminders the next day: %q, want %q", adminNext, want)
	}

	// A failed send is retried after its delay by exactly one instance; a
	// stalled claim is taken over; a failure recorded by an instance that
	// lost its claim changes nothing; tries are bounded.
	q.enqueue(digest(editor))
	first, ok := claim(editor, "one", today)
	if !ok {
		t.Fatal("editor's digest not claimable")
	}
	if st := q.fail(first, "one", today, accord.DigestRetryDelay); st.State != accord.JobQueued || st.Attempts != 1 {
		t.Errorf("after a failed send: %+v", st)
	}
	retry := today.Add(accord.DigestRetryDelay)
	second, ok := claim(editor, "two", retry)
	if _, again := claim(editor, "one", retry.Add(time.Minute)); !ok || again {
		t.Error("a failed digest is claimed by exactly one retry")
	}
	takeover := retry.Add(accord.DigestStallTimeout)
	third, ok := claim(editor, "one", takeover)
	if !ok {
		t.Error("a stalled claim was not taken over")
	}
	if _, err := db.Fail(ctx, second.ID, "two", "late failure", takeover, accord.DigestRetryDelay); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("a failure by the instance that lost the claim: %v", err)
	}
	if st := q.job(digest(editor).Key); st.State != accord.JobRunning || st.Attempts != 3 || st.ClaimedBy != "one" ||
		!st.ClaimedUntil.Equal(takeover.Add(accord.DigestStallTimeout)) {
		t.Errorf("a failure by the instance that lost the claim changed it: %+v", st)
	}
	at := takeover
	for i := 3; i < accord.DigestMaxAttempts; i++ {
		q.fail(third, "one", at, accord.DigestRetryDelay)
		at = at.Add(accord.DigestRetryDelay)
		if third, ok = claim(editor, "one", at); !ok {
			t.Fatalf("try %d not claimed", i+1)
		}
	}
	if st := q.fail(third, "one", at, accord.DigestRetryDelay); st.State != accord.JobDead {
		t.Errorf("after %d tries: %+v", accord.DigestMaxAttempts, st)
	}
	if _, again := claim(editor, "one", at.Add(time.Hour)); again {
		t.Errorf("claimed after %d tries", accord.DigestMaxAttempts)
	}

	// Claims race: exactly one of many concurrent claimers wins.
	q.enqueue(digest(officer))
	const claimers = 8
	var wg sync.WaitGroup
	won := make([]bool, claimers)
	errs := make([]error, claimers)
	for i := range claimers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			jobs, err := db.Claim(ctx, accord.JobReminderDigest, "racer"+itoa(i), today, accord.DigestStallTimeout, 1)
			won[i], errs[i] = len(jobs) == 1, err
		}()
	}
	wg.Wait()
	winners := 0
	for i := range claimers {
		if errs[i] != nil {
			t.Errorf("claimer %d: %v", i, errs[i])
		}
		if won[i] {
			winners++
		}
	}
	if winners != 1 {
		t.Errorf("%d of %d concurrent claimers won, want 1", winners, claimers)
	}

	// A moved expiry date is a new deadline: reminded of again.
	a30 := agreementTitled(t, db, "A30")
	next := today.AddDate(0, 0, 1)
	if keys := ReminderKeys(dueFor(t, db, next, admin.ID, "A30")); len(keys) != 0 {
		t.Errorf("A30 reminded of twice at stage 30: %q", keys)
	}
	a30.ExpiryDate = w.Day(25)
	if err := db.UpdateAgreement(ctx, a30); err != nil {
		t.Fatal(err)
	}
	if keys := ReminderKeys(dueFor(t, db, next, admin.ID, "A30")); len(keys) != 1 {
		t.Errorf("A30 with a new expiry date: %q", keys)
	}
}

func agreementTitled(t *testing.T, db *store.DB, title string) *accord.Agreement {
	t.Helper()
	list, _, err := db.ListAgreements(Admin(), accord.AgreementFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range list {
		if g.Title == title {
			full, err := db.GetAgreement(Admin(), g.ID)
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatalf("no agreement %s", title)
	return nil
}

func dueFor(t *testing.T, db *store.DB, day time.Time, userID int64, title string) []accord.Reminder {
	t.Helper()
	due, err := db.DueReminders(Admin(), day, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []accord.Reminder
	for _, r := range due {
		if r.To.UserID == userID && r.Title == title {
			out = append(out, r)
		}
	}
	return out
}

// testValueReminders: a value submitted for approval is reminded of to
// editors and administrators, once per submission.
func testValueReminders(t *testing.T, db *store.DB) {
	ctx := Admin()
	today := time.Date(2030, 1, 10, 9, 0, 0, 0, time.UTC)
	ids, _ := genevaWorld(t, db)
	mou := &accord.Agreement{Kind: "mou", Title: "MoU", Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	if err := db.CreateAgreement(ctx, mou); err != nil {
		t.Fatal(err)
	}
	plan := &accord.Plan{Title: "Plan", Agreements: []accord.PlanAgreement{{AgreementID: mou.ID}}}
	if err := db.CreatePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	act := &accord.Activity{PlanID: plan.ID, Title: "Vaccination", Kind: "vaccine_access", LeadOrgID: ids["WHO"]}
	if err := db.CreateActivity(ctx, act); err != nil {
		t.Fatal(err)
	}
	ind := &accord.Indicator{ActivityID: act.ID, Name: "Doses"}
	if err := db.CreateIndicator(ctx, ind); err != nil {
		t.Fatal(err)
	}
	editor := &accord.User{Email: "editor@example.org", Name: "Editor", Role: accord.RoleEditor}
	officer := &accord.User{Email: "officer@example.org", Name: "Officer", Role: accord.RoleOfficer}
	for _, u := range []*accord.User{editor, officer} {
		if err := db.CreateUser(ctx, u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	v := &accord.IndicatorValue{IndicatorID: ind.ID, Period: "2029-Q4", Value: 10}
	if err := db.RecordValue(ctx, v); err != nil {
		t.Fatal(err)
	}
	due := func() []accord.Reminder {
		all, err := db.DueReminders(ctx, today, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []accord.Reminder
		for _, r := range all {
			if r.Kind == accord.ReminderValueAwaiting {
				out = append(out, r)
			}
		}
		return out
	}
	if got := due(); len(got) != 0 {
		t.Errorf("a draft is reminded of: %+v", got)
	}
	sub, err := db.MoveValue(ctx, v.ID, v.Version, accord.ValSubmitted, "")
	if err != nil {
		t.Fatal(err)
	}
	got := due()
	if len(got) != 1 || got[0].To.UserID != editor.ID || got[0].Title != "Doses — 2029-Q4" || got[0].Source != "Vaccination" {
		t.Fatalf("submitted value: %+v", got)
	}
	for _, d := range accord.GroupDigests(accord.Date(today.Format(time.DateOnly)), got) {
		if err := db.MarkDigestSent(ctx, d, today); err != nil {
			t.Fatal(err)
		}
	}
	tomorrow := today.AddDate(0, 0, 1)
	if all, _ := db.DueReminders(ctx, tomorrow, 0); len(all) != 0 {
		t.Errorf("reminded twice: %+v", all)
	}
	back, _ := db.MoveValue(ctx, sub.ID, sub.Version, accord.ValReturned, "check")
	if _, err := db.MoveValue(ctx, back.ID, back.Version, accord.ValSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	if all, _ := db.DueReminders(ctx, tomorrow, 0); len(all) != 1 {
		t.Errorf("resubmitted value not reminded of: %+v", all)
	}
}
