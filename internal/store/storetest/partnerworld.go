package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// PartnerWorld is a database seen by a WHO focal point (role partner):
// records of every kind that involve WHO (Visible) and records that do not
// (Hidden), each kind keyed as in its URLs ("engagements", "appeals"…). A
// unique marker is planted in every text field of the hidden records, in
// the email of the staff member who writes everything, and in the records
// WHO's own records point to without involving WHO (the ICRC meeting an
// action point came from, the ICRC post of a WHO adviser). A partner who
// reads any marker has read something that is not its own.
type PartnerWorld struct {
	Now                     time.Time // the world's date: its news item went public an hour before
	Staff, Partner          *accord.User
	WHO, ICRC               *accord.Organization
	Visible, Hidden         map[string]int64
	Markers                 []string
	VisibleSlug, HiddenSlug string // news: published, and a draft
}

// Marker is the unique text planted in field; it is remembered in w.Markers.
func (w *PartnerWorld) Marker(field string) string {
	m := "Zqx" + strings.ReplaceAll(field, " ", "")
	w.Markers = append(w.Markers, m)
	return m
}

// Leaks returns the markers body shows.
func (w *PartnerWorld) Leaks(body string) []string {
	var out []string
	body = strings.ToLower(body)
	for _, m := range w.Markers {
		if strings.Contains(body, strings.ToLower(m)) {
			out = append(out, m)
		}
	}
	return out
}

// NewPartnerWorld builds the world.
func NewPartnerWorld(t testing.TB, db *store.DB) *PartnerWorld {
	t.Helper()
	w := &PartnerWorld{Now: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC), Visible: map[string]int64{}, Hidden: map[string]int64{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	admin := Admin()
	w.Staff = &accord.User{Email: strings.ToLower(w.Marker("StaffEmail")) + "@accord.example", Name: "Programme officer", Role: accord.RoleEditor}
	must(db.CreateUser(admin, w.Staff, "x"))
	ctx := As(w.Staff)

	oic := MustCreateOrg(t, db, &accord.Organization{NameEN: "Organisation of Islamic Cooperation", Acronym: "OIC", Type: "40"})
	w.WHO = MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organization", Acronym: "WHO", Type: "40", HQCountry: "CH"})
	w.ICRC = MustCreateOrg(t, db, &accord.Organization{NameEN: w.Marker("OrgNameEN"), NameFR: w.Marker("OrgNameFR"), NameAR: w.Marker("OrgNameAR"),
		Acronym: w.Marker("OrgAcronym"), Type: "21", IATIID: "XM-" + w.Marker("OrgIATI"), Website: "https://" + strings.ToLower(w.Marker("OrgWebsite")) + ".example"})
	donor := MustCreateOrg(t, db, &accord.Organization{NameEN: "Islamic Development Bank", Acronym: "IsDB", Type: "40"})
	w.Visible["organizations"], w.Hidden["organizations"] = w.WHO.ID, w.ICRC.ID
	w.Partner = &accord.User{Email: "focal@who.example", Name: "WHO focal point", Role: accord.RolePartner, OrgID: &w.WHO.ID}
	must(db.CreateUser(admin, w.Partner, "x"))

	hiddenPerson := &accord.Person{Name: w.Marker("PersonName"), Honorific: w.Marker("PersonHonorific"), Email: strings.ToLower(w.Marker("PersonEmail")) + "@icrc.example",
		Phone: "+41 22 734 60 01", Notes: w.Marker("PersonNotes"), Positions: []accord.Position{{Title: w.Marker("PositionTitle"), OrgID: w.ICRC.ID}}}
	adviser := &accord.Person{Name: "Shared Adviser", Positions: []accord.Position{{Title: "Adviser", OrgID: w.WHO.ID},
		{Title: w.Marker("SharedPositionTitle"), OrgID: w.ICRC.ID}}}
	for _, p := range []*accord.Person{hiddenPerson, adviser} {
		must(db.CreatePerson(ctx, p))
	}
	w.Visible["people"], w.Hidden["people"] = adviser.ID, hiddenPerson.ID

	meeting := func(orgs []int64, title, summary, outcomes, city, topic, source string, participants []accord.Participant) *accord.Engagement {
		e := &accord.Engagement{Kind: "meeting", Title: title, Date: "2024-01-15", City: city, Country: "CH", Summary: summary, Outcomes: outcomes,
			Topics: []string{topic}, Participants: participants}
		for _, o := range orgs {
			e.Organizations = append(e.Organizations, accord.EngagementOrg{OrgID: o})
		}
		if source != "" {
			e.Sources = []accord.Source{{Title: source, URL: "https://" + strings.ToLower(source) + ".example/release"}}
		}
		must(db.CreateEngagement(ctx, e))
		return e
	}
	hiddenMeeting := meeting([]int64{oic.ID, w.ICRC.ID}, w.Marker("EngagementTitle"), w.Marker("EngagementSummary"), w.Marker("EngagementOutcomes"),
		w.Marker("EngagementCity"), w.Marker("EngagementTopic"), w.Marker("EngagementSource"),
		[]accord.Participant{{PersonID: hiddenPerson.ID, OrgID: w.ICRC.ID, Title: w.Marker("ParticipantTitle")},
			{PersonID: adviser.ID, OrgID: w.ICRC.ID, Title: w.Marker("AdviserParticipantTitle")}})
	whoMeeting := meeting([]int64{oic.ID, w.WHO.ID}, "OIC–WHO meeting on health", "Vaccines for the Sahel.", "", "Geneva", "vaccines", "",
		[]accord.Participant{{PersonID: adviser.ID, OrgID: w.WHO.ID, Title: "Adviser"}})
	w.Visible["engagements"], w.Hidden["engagements"] = whoMeeting.ID, hiddenMeeting.ID

	hiddenPoint := &accord.ActionPoint{EngagementID: hiddenMeeting.ID, Text: w.Marker("ActionPointText"), DueDate: "2024-06-30"}
	// WHO is a party to a point of the ICRC meeting: the point is WHO's, the meeting is not.
	whoPoint := &accord.ActionPoint{EngagementID: hiddenMeeting.ID, Text: "WHO to share its cold-chain plan", Parties: []accord.EngagementOrg{{OrgID: w.WHO.ID}}}
	for _, p := range []*accord.ActionPoint{hiddenPoint, whoPoint} {
		must(db.CreateActionPoint(ctx, p))
	}
	if _, err := db.TransitionActionPoint(ctx, hiddenPoint.ID, hiddenPoint.Version, accord.APInProgress, w.Marker("ActionPointNote")); err != nil {
		t.Fatal(err)
	}
	w.Visible["action-points"], w.Hidden["action-points"] = whoPoint.ID, hiddenPoint.ID

	agreement := func(parties []int64, title, summary, signatory string) *accord.Agreement {
		g := &accord.Agreement{Kind: "mou", Title: title, Summary: summary}
		for _, o := range parties {
			g.Parties = append(g.Parties, accord.AgreementParty{OrgID: o, Signatory: signatory, SignedOn: "2024-01-10"})
		}
		must(db.CreateAgreement(ctx, g))
		for _, to := range []string{accord.AgNegotiation, accord.AgClearance, accord.AgSigned} {
			next, err := db.TransitionAgreement(ctx, g.ID, g.Version, accord.StatusChange{To: to})
			must(err)
			g = next
		}
		return g
	}
	hiddenAgreement := agreement([]int64{oic.ID, w.ICRC.ID}, w.Marker("AgreementTitle"), w.Marker("AgreementSummary"), w.Marker("AgreementSignatory"))
	whoAgreement := agreement([]int64{oic.ID, w.WHO.ID}, "OIC–WHO memorandum on health", "Cooperation on vaccines.", "")
	w.Visible["agreements"], w.Hidden["agreements"] = whoAgreement.ID, hiddenAgreement.ID
	for _, a := range []struct {
		g               *accord.Agreement
		changes, reason string
	}{{hiddenAgreement, w.Marker("AmendmentChanges"), w.Marker("AmendmentReason")}, {whoAgreement, "Adds the Sahel", "A new need"}} {
		if _, err := db.AmendAgreement(ctx, a.g.ID, a.g.Version, accord.Amendment{Date: "2024-02-01", Changes: a.changes, Reason: a.reason}); err != nil {
			t.Fatal(err)
		}
	}

	hiddenPlan := &accord.Plan{Title: w.Marker("PlanTitle"), Summary: w.Marker("PlanSummary"), Agreements: []accord.PlanAgreement{{AgreementID: hiddenAgreement.ID}},
		Objectives: []accord.Objective{{Title: w.Marker("ObjectiveTitle")}}}
	whoPlan := &accord.Plan{Title: "Plan of action on health", Agreements: []accord.PlanAgreement{{AgreementID: whoAgreement.ID}}}
	for _, p := range []*accord.Plan{hiddenPlan, whoPlan} {
		must(db.CreatePlan(ctx, p))
	}
	w.Visible["plans"], w.Hidden["plans"] = whoPlan.ID, hiddenPlan.ID

	hiddenActivity := &accord.Activity{PlanID: hiddenPlan.ID, Title: w.Marker("ActivityTitle"), Description: w.Marker("ActivityDescription"), Kind: "vaccine_access",
		LeadOrgID: w.ICRC.ID, Countries: []string{"YE"}}
	whoActivity := &accord.Activity{PlanID: whoPlan.ID, Title: "Vaccination in the Sahel", Kind: "vaccine_access", LeadOrgID: w.WHO.ID, Groups: []string{"SAHEL"}}
	// The ICRC's part of WHO's plan: the plan is WHO's, the activity is not.
	icrcPart := &accord.Activity{PlanID: whoPlan.ID, Title: w.Marker("ActivityInWHOPlanTitle"), Description: w.Marker("ActivityInWHOPlanDescription"),
		Kind: "vaccine_access", LeadOrgID: w.ICRC.ID, Countries: []string{"YE"}}
	for _, a := range []*accord.Activity{hiddenActivity, whoActivity, icrcPart} {
		must(db.CreateActivity(ctx, a))
	}
	w.Visible["activities"], w.Hidden["activities"] = whoActivity.ID, hiddenActivity.ID
	// WHO's point was fulfilled by the ICRC's agreement and activity; WHO's
	// meeting led to an agreement WHO is no party to.
	whoPoint.FulfilledByAgreement, whoPoint.FulfilledByActivity = &hiddenAgreement.ID, &hiddenActivity.ID
	must(db.UpdateActionPoint(ctx, whoPoint))
	must(db.CreateAgreement(ctx, &accord.Agreement{Kind: "mou", Title: w.Marker("AgreementFromWHOMeeting"), EngagementID: &whoMeeting.ID,
		Parties: []accord.AgreementParty{{OrgID: oic.ID}, {OrgID: w.ICRC.ID}}}))
	hiddenIndicator := &accord.Indicator{ActivityID: hiddenActivity.ID, Name: w.Marker("IndicatorName"), Unit: w.Marker("IndicatorUnit"), Target: 100}
	whoIndicator := &accord.Indicator{ActivityID: whoActivity.ID, Name: "Doses administered", Unit: "doses", Target: 500000}
	for _, i := range []*accord.Indicator{hiddenIndicator, whoIndicator} {
		must(db.CreateIndicator(ctx, i))
	}
	for _, i := range []*accord.Indicator{hiddenIndicator, whoIndicator} {
		v := &accord.IndicatorValue{IndicatorID: i.ID, Period: "2024-Q1", Value: 10}
		must(db.RecordValue(ctx, v))
		if _, err := db.MoveValue(ctx, v.ID, v.Version, accord.ValSubmitted, ""); err != nil {
			t.Fatal(err)
		}
		w.Visible["indicator-values"] = v.ID // the last: WHO's
	}
	w.Visible["indicators"], w.Hidden["indicators"] = whoIndicator.ID, hiddenIndicator.ID

	hiddenAppeal := &accord.Appeal{Title: w.Marker("AppealTitle"), Description: w.Marker("AppealDescription"), Country: "YE", ActivityID: &hiddenActivity.ID,
		Amount: "2000000", Currency: "USD", Start: "2024-01-01"}
	// Nobody's appeal: no flow, no activity.
	lonelyAppeal := &accord.Appeal{Title: w.Marker("LonelyAppealTitle"), Country: "SO", Amount: "1000000", Currency: "USD", Start: "2024-01-01"}
	whoAppeal := &accord.Appeal{Title: "Vaccines for the Sahel", Group: "SAHEL", ActivityID: &whoActivity.ID, Amount: "4000000", Currency: "USD", Start: "2024-01-01"}
	for _, a := range []*accord.Appeal{hiddenAppeal, lonelyAppeal, whoAppeal} {
		must(db.CreateAppeal(ctx, a))
	}
	if _, err := db.ReviseAppeal(ctx, whoAppeal.ID, whoAppeal.Version, "4500000", "More doses", "2024-02-01"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReviseAppeal(ctx, hiddenAppeal.ID, hiddenAppeal.Version, "2500000", w.Marker("RevisionReason"), "2024-02-01"); err != nil {
		t.Fatal(err)
	}
	w.Visible["appeals"], w.Hidden["appeals"] = whoAppeal.ID, hiddenAppeal.ID

	hiddenFlow := &accord.Flow{Status: accord.FlowPledge, Description: w.Marker("FlowDescription"), SourceOrgID: donor.ID, DestOrgID: &w.ICRC.ID, Country: "YE",
		AppealID: &hiddenAppeal.ID, Amount: "1000000", Currency: "USD", ValueDate: "2024-01-20", Contribution: "in_kind", Quantity: "1000", Unit: w.Marker("FlowUnit")}
	whoFlow := &accord.Flow{Status: accord.FlowPledge, Description: "IsDB pledge to WHO for vaccines", SourceOrgID: donor.ID, DestOrgID: &w.WHO.ID, Group: "SAHEL",
		AppealID: &whoAppeal.ID, Amount: "1500000", Currency: "USD", ValueDate: "2024-01-20"}
	// The ICRC's own money for WHO's appeal: the appeal is WHO's, the flow is not.
	must(db.CreateFlow(ctx, &accord.Flow{Status: accord.FlowPledge, Description: w.Marker("OtherFlowOnWHOAppeal"), SourceOrgID: w.ICRC.ID, Group: "SAHEL",
		AppealID: &whoAppeal.ID, Amount: "50000", Currency: "USD", ValueDate: "2024-01-22"}))
	// Money passed through UNICEF to WHO: the part WHO receives is WHO's, the grant to UNICEF is not.
	// (UNICEF, a counterpart of WHO's, is named on WHO's flow: no marker in its name.)
	unicef := MustCreateOrg(t, db, &accord.Organization{NameEN: "United Nations Children's Fund", Acronym: "UNICEF", Type: "40"})
	through := &accord.Flow{Status: accord.FlowPaid, Type: "pass_through", Description: w.Marker("PassThroughParent"), SourceOrgID: donor.ID,
		DestOrgID: &unicef.ID, Country: "YE", Amount: "300000", Currency: "USD", ValueDate: "2024-01-05"}
	must(db.CreateFlow(ctx, through))
	must(db.CreateFlow(ctx, &accord.Flow{Status: accord.FlowPaid, Description: "UNICEF to WHO for the Yemen cold chain", SourceOrgID: unicef.ID,
		DestOrgID: &w.WHO.ID, Country: "YE", Amount: "100000", Currency: "USD", ValueDate: "2024-01-06", ParentID: &through.ID}))
	// WHO's money, recorded against a plan WHO is no party to: the money is WHO's, the plan is not.
	misfiled := &accord.Flow{Status: accord.FlowPaid, Description: "IsDB grant to WHO", SourceOrgID: donor.ID, DestOrgID: &w.WHO.ID, Country: "YE",
		PlanID: &hiddenPlan.ID, Amount: "200000", Currency: "USD", ValueDate: "2024-01-25"}
	must(db.CreateFlow(ctx, misfiled))
	for _, f := range []*accord.Flow{hiddenFlow, whoFlow} {
		must(db.CreateFlow(ctx, f))
		if _, err := db.AdvanceFlow(ctx, f.ID, f.Version, accord.FlowCommitment, "2024-02-01"); err != nil {
			t.Fatal(err)
		}
	}
	w.Visible["flows"], w.Hidden["flows"] = whoFlow.ID, hiddenFlow.ID

	pdf := []byte("%PDF-1.4 minutes")
	hiddenDoc := &accord.Attachment{Entity: "engagement", EntityID: hiddenMeeting.ID, Filename: w.Marker("DocumentName") + ".pdf", ContentType: "application/pdf"}
	whoDoc := &accord.Attachment{Entity: "engagement", EntityID: whoMeeting.ID, Filename: "minutes.pdf", ContentType: "application/pdf"}
	for _, d := range []*accord.Attachment{hiddenDoc, whoDoc} {
		must(db.Attach(ctx, d, pdf))
	}
	w.Visible["documents"], w.Hidden["documents"] = whoDoc.ID, hiddenDoc.ID

	// A public item reports WHO's meeting and the ICRC's records; a draft is staff's.
	w.VisibleSlug, w.HiddenSlug = "oic-who-health", "draft-icrc"
	publishAt := w.Now.Add(-time.Hour)
	published := &accord.NewsItem{Slug: w.VisibleSlug, Status: accord.NewsPublished, PublishAt: &publishAt, Translations: []accord.NewsTranslation{{Lang: "en", Title: "OIC and WHO on health",
		Body: "The OIC and WHO met."}}, Links: []accord.NewsLink{{Entity: "engagement", EntityID: whoMeeting.ID}, {Entity: "engagement", EntityID: hiddenMeeting.ID},
		{Entity: "agreement", EntityID: hiddenAgreement.ID}, {Entity: "activity", EntityID: hiddenActivity.ID}}}
	draft := &accord.NewsItem{Slug: w.HiddenSlug, Status: accord.NewsDraft, Tags: []string{strings.ToLower(w.Marker("NewsTag"))},
		Translations: []accord.NewsTranslation{{Lang: "en", Title: w.Marker("NewsTitle"), Summary: w.Marker("NewsSummary"), Body: w.Marker("NewsBody")}}}
	for _, n := range []*accord.NewsItem{published, draft} {
		must(db.CreateNews(ctx, n))
	}
	w.Visible["news"], w.Hidden["news"] = published.ID, draft.ID

	// What readers send is the staff's to read: a message, a comment waiting for moderation.
	reader := context.Background()
	must(db.SubmitContact(reader, &accord.ContactMessage{Name: w.Marker("ContactName"), Email: strings.ToLower(w.Marker("ContactEmail")) + "@example.org",
		Category: "news_tip", Message: w.Marker("ContactMessage"), Lang: "en"}, nil, nil))
	if _, _, err := db.SubmitComment(reader, &accord.CommentSubmission{NewsID: published.ID, Name: w.Marker("CommenterName"),
		Email: strings.ToLower(w.Marker("CommenterEmail")) + "@example.org", Text: w.Marker("CommentText"), Lang: "en", IP: "192.0.2.7"}); err != nil {
		t.Fatal(err)
	}
	return w
}
