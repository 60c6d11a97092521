package generate_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/generate"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// today is fixed so that runs agree on what is overdue and expiring.
var today = time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC)

func run(t *testing.T, scale float64, seed uint64) (*store.DB, *generate.Result) {
	t.Helper()
	db := storetest.Open(t, store.SQLite)
	written := 0
	res, err := generate.Run(context.Background(), db, generate.Options{Scale: scale, Seed: seed, Today: today, Progress: func(n int) { written += n }})
	if err != nil {
		t.Fatal(err)
	}
	if written != res.Total() {
		t.Errorf("progress counted %d records, generated %d", written, res.Total())
	}
	db.UseClock(func() time.Time { return today }) // the store judges overdue and expiring on the data's day
	return db, res
}

func TestGenerate(t *testing.T) {
	const scale = 0.005
	db, res := run(t, scale, 7)
	ctx := storetest.Admin()
	want := generate.Expected(scale)
	if res.Counts != want {
		t.Errorf("generated %+v, want %+v", res.Counts, want)
	}

	// Counts as the store's lists see them.
	count := func(name string, n int, err error, want int) {
		t.Helper()
		if err != nil || n != want {
			t.Errorf("%s: %d (%v), want %d", name, n, err, want)
		}
	}
	_, n, err := db.ListOrganizations(ctx, accord.OrganizationFilter{PerPage: 1})
	count("organizations", n, err, want.Organizations)
	_, n, err = db.ListPeople(ctx, accord.PersonFilter{PerPage: 1})
	count("people", n, err, want.People)
	_, n, err = db.ListUsers(ctx, accord.UserFilter{PerPage: 1})
	count("users", n, err, want.Users)
	_, n, err = db.ListEngagements(ctx, accord.EngagementFilter{PerPage: 1})
	count("engagements", n, err, want.Engagements)
	_, n, err = db.ListActionPoints(ctx, accord.ActionPointFilter{PerPage: 1})
	count("action points", n, err, want.ActionPoints)
	_, n, err = db.ListAgreements(ctx, accord.AgreementFilter{PerPage: 1})
	count("agreements", n, err, want.Agreements)
	_, n, err = db.ListPlans(ctx, accord.PlanFilter{PerPage: 1})
	count("plans", n, err, want.Plans)
	activities, n, err := db.ListActivities(ctx, accord.ActivityFilter{Unlimited: true})
	count("activities", n, err, want.Activities)
	_, n, err = db.ListNews(ctx, accord.NewsFilter{PerPage: 1})
	count("news", n, err, want.News)
	inbox, n, err := db.ListContact(ctx, accord.ContactFilter{PerPage: 1})
	count("contact messages", n, err, want.Contacts)
	if len(inbox) == 1 && inbox[0].AckState != accord.AckSent {
		t.Errorf("a generated contact message waits for its acknowledgement: %+v", inbox[0])
	}
	queue, err := db.CommentCounts(ctx, 0)
	if total := queue[accord.CommentPending] + queue[accord.CommentApproved] + queue[accord.CommentSpam] + queue[accord.CommentTrash]; err != nil || total != want.Comments || queue[accord.CommentPending] == 0 {
		t.Errorf("comments by status %v (%v), want %d in all, some pending", queue, err, want.Comments)
	}
	// The public site shows the published ones, in every language some.
	_, public, err := db.ListPublicNews(ctx, accord.NewsFilter{PerPage: 1, Lang: "ar"})
	if err != nil || public == 0 || public >= want.News {
		t.Errorf("public news in Arabic: %d of %d (%v)", public, want.News, err)
	}

	// Every activity is classed under sectors that sum to 100%.
	for _, a := range activities {
		sum := 0.0
		for _, s := range a.Sectors {
			sum += s.Percent
		}
		if len(a.Sectors) == 0 || sum != 100 {
			t.Errorf("activity %d %q: sectors %v sum to %g", a.ID, a.Title, a.Sectors, sum)
		}
	}

	// Some points are overdue and some agreements expire within 90 days.
	if _, n, err := db.ListActionPoints(ctx, accord.ActionPointFilter{Overdue: true, PerPage: 1}); err != nil || n == 0 {
		t.Errorf("overdue action points: %d (%v)", n, err)
	}
	if _, n, err := db.ListAgreements(ctx, accord.AgreementFilter{ExpiringDays: 90, PerPage: 1}); err != nil || n == 0 {
		t.Errorf("agreements expiring within 90 days: %d (%v)", n, err)
	}

	// Every kind of record reads back whole.
	engagements, _, err := db.ListEngagements(ctx, accord.EngagementFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	e, err := db.GetEngagement(ctx, engagements[len(engagements)/2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Organizations) < 2 || len(e.Organizations) > 4 || len(e.Participants) < 1 || len(e.Participants) > 4 || e.Title == "" || e.Summary == "" {
		t.Errorf("engagement %d: %d organizations, %d participants, title %q", e.ID, len(e.Organizations), len(e.Participants), e.Title)
	}
	for _, e := range engagements {
		if e.Date < "2010-01-01" || e.Date > "2026-12-31" || len(e.Organizations) < 2 {
			t.Errorf("engagement %d: date %s, %d organizations", e.ID, e.Date, len(e.Organizations))
		}
	}
	home, err := db.GetOrganization(ctx, res.HomeOrgID)
	if err != nil || home.Acronym != "OIC" {
		t.Fatalf("home organization: %+v (%v)", home, err)
	}
	points, _, err := db.ListActionPoints(ctx, accord.ActionPointFilter{EngagementID: e.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range points {
		if _, err := db.GetActionPoint(ctx, p.ID); err != nil {
			t.Error(err)
		}
	}
	agreements, _, err := db.ListAgreements(ctx, accord.AgreementFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range agreements {
		if len(g.Parties) < 2 || (g.Status == accord.AgActive || g.Status == accord.AgExpired) && !g.AllSigned() {
			t.Errorf("agreement %d (%s): %d parties, signed %v", g.ID, g.Status, len(g.Parties), g.AllSigned())
		}
		if g.Status == accord.AgExpired && string(g.ExpiryDate) >= today.Format(time.DateOnly) {
			t.Errorf("agreement %d expired but expires on %s", g.ID, g.ExpiryDate)
		}
	}
	if _, err := db.GetAgreement(ctx, agreements[0].ID); err != nil {
		t.Error(err)
	}
	plan, err := db.GetPlan(ctx, activities[0].PlanID)
	if err != nil || len(plan.Agreements) == 0 || len(plan.Objectives) < 2 {
		t.Errorf("plan: %+v (%v)", plan, err)
	}
	if x, err := db.GetActivity(ctx, activities[0].ID); err != nil || x.LeadOrgName == "" || len(x.Beneficiaries) == 0 {
		t.Errorf("activity: %+v (%v)", x, err)
	}
	people, _, err := db.ListPeople(ctx, accord.PersonFilter{OrgID: res.HomeOrgID, PerPage: 200})
	if err != nil || len(people) == 0 || len(people[0].Positions) == 0 {
		t.Fatalf("people of the home organization: %d (%v)", len(people), err)
	}

	t.Run("PartnerScope", func(t *testing.T) { testPartnerScope(t, db, res) })
	t.Run("Money", func(t *testing.T) { testMoney(t, db, res) })

	// Search finds generated records by the words of their names and titles.
	if found, _, err := db.ListEngagements(ctx, accord.EngagementFilter{Q: e.Title, PerPage: 200}); err != nil ||
		!slices.ContainsFunc(found, func(x *accord.Engagement) bool { return x.ID == e.ID }) {
		t.Errorf("search for %q did not find engagement %d (%v)", e.Title, e.ID, err)
	}
	if found, _, err := db.ListPeople(ctx, accord.PersonFilter{Q: people[0].Name, PerPage: 200}); err != nil ||
		!slices.ContainsFunc(found, func(x *accord.Person) bool { return x.ID == people[0].ID }) {
		t.Errorf("search for %q did not find person %d (%v)", people[0].Name, people[0].ID, err)
	}
	hits, err := db.Search(ctx, "who", 10)
	if err != nil || !slices.ContainsFunc(hits.Hits, func(h accord.SearchHit) bool {
		return h.Kind == "organization" && strings.Contains(h.Title, "World Health")
	}) {
		t.Errorf("search for who: %+v (%v)", hits, err)
	}

	// A database with organizations is refused.
	if _, err := generate.Run(context.Background(), db, generate.Options{Scale: scale}); err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Errorf("second run: %v", err)
	}
}

// testPartnerScope signs a partner in for a generated organization and
// checks that it sees only what concerns that organization.
func testPartnerScope(t *testing.T, db *store.DB, res *generate.Result) {
	ctx := storetest.Admin()
	orgs, _, err := db.ListOrganizations(ctx, accord.OrganizationFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	// The partner: the busiest organization other than the home one.
	var partner *accord.Organization
	most := 0
	for _, o := range orgs {
		if o.ID == res.HomeOrgID || o.ParentID != nil {
			continue
		}
		if _, n, _ := db.ListEngagements(ctx, accord.EngagementFilter{OrgID: o.ID, PerPage: 1}); n > most {
			partner, most = o, n
		}
	}
	mine := map[int64]bool{partner.ID: true}
	for _, o := range orgs {
		if o.ParentID != nil && *o.ParentID == partner.ID {
			mine[o.ID] = true
		}
	}
	u := &accord.User{Email: "focal.point@partner.example", Name: "Focal Point", Role: accord.RolePartner, OrgID: &partner.ID}
	if err := db.CreateUser(ctx, u, "x"); err != nil {
		t.Fatal(err)
	}
	pctx := accord.WithActor(context.Background(), accord.ActorFor(u))

	engagements, n, err := db.ListEngagements(pctx, accord.EngagementFilter{Unlimited: true})
	if err != nil || n == 0 || n != most {
		t.Errorf("partner sees %d engagements (%v), took part in %d", n, err, most)
	}
	for _, e := range engagements {
		if !slices.ContainsFunc(e.Organizations, func(o accord.EngagementOrg) bool { return mine[o.OrgID] }) {
			t.Errorf("partner sees engagement %d without its organization: %+v", e.ID, e.Organizations)
		}
	}
	all, _, err := db.ListEngagements(ctx, accord.EngagementFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if !slices.ContainsFunc(e.Organizations, func(o accord.EngagementOrg) bool { return mine[o.OrgID] }) {
			if _, err := db.GetEngagement(pctx, e.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
				t.Errorf("partner reads engagement %d of others: %v", e.ID, err)
			}
			break
		}
	}
	agreements, _, err := db.ListAgreements(pctx, accord.AgreementFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range agreements {
		if !slices.ContainsFunc(g.Parties, func(p accord.AgreementParty) bool { return mine[p.OrgID] }) {
			t.Errorf("partner sees agreement %d it is not party to", g.ID)
		}
	}
	activities, _, err := db.ListActivities(pctx, accord.ActivityFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range activities {
		if !mine[a.LeadOrgID] && !slices.ContainsFunc(a.Implementing, func(o accord.EngagementOrg) bool { return mine[o.OrgID] }) {
			t.Errorf("partner sees activity %d it neither leads nor implements", a.ID)
		}
	}
	visible, _, err := db.ListOrganizations(pctx, accord.OrganizationFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range visible {
		if !mine[o.ID] {
			t.Errorf("partner sees organization %d %q", o.ID, o.NameEN)
		}
	}
}

func TestReproducible(t *testing.T) {
	texts := func(db *store.DB) []string {
		ctx := storetest.Admin()
		var out []string
		people, _, err := db.ListPeople(ctx, accord.PersonFilter{Unlimited: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			out = append(out, p.Name+" | "+p.Positions[0].Title)
		}
		engagements, _, err := db.ListEngagements(ctx, accord.EngagementFilter{Unlimited: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range engagements {
			out = append(out, string(e.Date)+" "+e.Title)
		}
		activities, _, err := db.ListActivities(ctx, accord.ActivityFilter{Unlimited: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range activities {
			out = append(out, a.Title+" "+a.Budget)
		}
		flows, _, err := db.ListFlows(ctx, accord.FlowFilter{PerPage: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range flows {
			out = append(out, f.Description+" "+f.Amount+" "+f.Currency+" "+f.Status)
		}
		return out
	}
	a, _ := run(t, 0.002, 42)
	b, _ := run(t, 0.002, 42)
	c, _ := run(t, 0.002, 43)
	ta, tb, tc := texts(a), texts(b), texts(c)
	if !slices.Equal(ta, tb) {
		t.Errorf("the same seed gave different records:\n%v\n%v", ta[:5], tb[:5])
	}
	if slices.Equal(ta, tc) {
		t.Error("another seed gave the same records")
	}
}

func TestScaleRefused(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	for _, scale := range []float64{0, -1, 100} {
		if _, err := generate.Run(context.Background(), db, generate.Options{Scale: scale}); err == nil {
			t.Errorf("scale %g accepted", scale)
		}
	}
}
