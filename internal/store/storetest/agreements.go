package storetest

import (
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testAgreements(t *testing.T, db *store.DB) {
	ctx := Admin()
	ids, meeting := genevaWorld(t, db)
	today := time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)
	db.UseClock(func() time.Time { return today })
	mou := &accord.Agreement{Kind: "mou", Title: "Memorandum of understanding between the OIC and WHO", EngagementID: &meeting.ID,
		Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}, ExpiryDate: "2027-12-31", EffectiveDate: "2023-01-01", NoticeDays: 90}
	if err := db.CreateAgreement(ctx, mou); err != nil {
		t.Fatal(err)
	}
	if mou.Status != accord.AgDraft || mou.Parties[1].OrgName != "World Health Organization (WHO)" {
		t.Errorf("created: %+v", mou)
	}
	step := func(to string, c accord.StatusChange) {
		t.Helper()
		c.To = to
		got, err := db.TransitionAgreement(ctx, mou.ID, mou.Version, c)
		if err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
		mou = got
	}
	step(accord.AgNegotiation, accord.StatusChange{})
	step(accord.AgClearance, accord.StatusChange{})
	// Signed only when every party has signed; a future signature date is refused.
	if _, err := db.TransitionAgreement(ctx, mou.ID, mou.Version, accord.StatusChange{To: accord.AgSigned}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("signed without signatures: %v", err)
	}
	mou.Parties[0].SignedOn, mou.Parties[0].Signatory = "2022-08-30", "Tarig Ali Bakhiet"
	mou.Parties[1].SignedOn = "2022-09-02"
	if err := db.UpdateAgreement(ctx, mou); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("future signature accepted: %v", err)
	}
	mou.Parties[1].SignedOn = "2022-08-31"
	if err := db.UpdateAgreement(ctx, mou); err != nil {
		t.Fatal(err)
	}
	step(accord.AgSigned, accord.StatusChange{})
	step(accord.AgActive, accord.StatusChange{})
	// After signature the signatures are fixed; changes go through numbered amendments.
	changed := *mou
	changed.Parties = append([]accord.AgreementParty(nil), mou.Parties...)
	changed.Parties[1].SignedOn = "2022-08-01"
	if err := db.UpdateAgreement(ctx, &changed); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("signatures edited after signing: %v", err)
	}
	amended, err := db.AmendAgreement(ctx, mou.ID, mou.Version, accord.Amendment{Date: "2022-09-01", Changes: "Adds vaccine logistics to article 3", Reason: "Agreed at the review meeting"})
	if err != nil || len(amended.Amendments) != 1 || amended.Amendments[0].Number != 1 {
		t.Fatalf("amend: %+v %v", amended, err)
	}
	amended, err = db.AmendAgreement(ctx, mou.ID, amended.Version, accord.Amendment{Date: "2022-09-01", Changes: "Extends to 2028", Reason: "Delays"})
	if err != nil || amended.Amendments[1].Number != 2 {
		t.Fatalf("second amendment: %v", err)
	}
	mou = amended
	if _, err := db.TransitionAgreement(ctx, mou.ID, mou.Version, accord.StatusChange{To: accord.AgTerminated, Date: "2022-09-01"}); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("terminated without a reason: %v", err)
	}
	step(accord.AgSuspended, accord.StatusChange{})
	step(accord.AgActive, accord.StatusChange{})
	if _, err := db.TransitionAgreement(ctx, mou.ID, 1, accord.StatusChange{To: accord.AgSuspended}); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale transition: %v", err)
	}
	step(accord.AgTerminated, accord.StatusChange{Date: "2022-09-01", Reason: "Replaced by a framework agreement"})
	got, _ := db.GetAgreement(ctx, mou.ID)
	if got.Status != accord.AgTerminated || got.TerminationReason != "Replaced by a framework agreement" || len(got.Amendments) != 2 {
		t.Errorf("stored: %+v", got)
	}
	history, err := db.AgreementHistory(ctx, mou.ID)
	if err != nil || len(history) < 10 || history[0].Action != "create" {
		t.Errorf("history: %d entries, %v", len(history), err)
	}
	// Lists: by party, by status, expiring soon, by words in any language.
	fw := &accord.Agreement{Kind: "cooperation_agreement", Title: "Cooperation agreement between the OIC and the ICRC",
		Parties: []accord.AgreementParty{{OrgID: ids["OIC"], SignedOn: "2021-05-01"}, {OrgID: ids["ICRC"], SignedOn: "2021-05-01"}}, ExpiryDate: "2022-10-15"}
	if err := db.CreateAgreement(ctx, fw); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{accord.AgNegotiation, accord.AgClearance, accord.AgSigned, accord.AgActive} {
		if fw, err = db.TransitionAgreement(ctx, fw.ID, fw.Version, accord.StatusChange{To: to}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		f    accord.AgreementFilter
		want int
	}{
		{accord.AgreementFilter{OrgID: ids["WHO"]}, 1}, {accord.AgreementFilter{OrgID: ids["OIC"]}, 2},
		{accord.AgreementFilter{Status: accord.AgActive}, 1}, {accord.AgreementFilter{ExpiringDays: 60}, 1}, {accord.AgreementFilter{ExpiringDays: 30}, 0},
		{accord.AgreementFilter{Q: "Santé"}, 1}, {accord.AgreementFilter{Q: "croix"}, 0}, {accord.AgreementFilter{Kind: "mou"}, 1},
	} {
		if _, total, err := db.ListAgreements(ctx, c.f); err != nil || total != c.want {
			t.Errorf("%+v: %d (%v), want %d", c.f, total, err, c.want)
		}
	}
	// A partner of WHO sees the MoU, not the OIC–ICRC agreement, nor its history.
	who := ids["WHO"]
	partner := &accord.User{Email: "focal@who.int", Name: "WHO", Role: accord.RolePartner, OrgID: &who}
	if err := db.CreateUser(ctx, partner, "x"); err != nil {
		t.Fatal(err)
	}
	if list, total, _ := db.ListAgreements(As(partner), accord.AgreementFilter{}); total != 1 || list[0].ID != mou.ID {
		t.Errorf("partner agreements: %d", total)
	}
	if _, err := db.AgreementHistory(As(partner), fw.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads the ICRC agreement's history: %v", err)
	}
}
