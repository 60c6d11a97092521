package accord

import (
	"strings"
	"testing"
	"time"
)

var today = time.Date(2022, 9, 1, 10, 0, 0, 0, time.UTC)

func signedParties() []AgreementParty {
	return []AgreementParty{{OrgID: 1, OrgName: "OIC", SignedOn: "2022-01-10"}, {OrgID: 2, OrgName: "ICRC", SignedOn: "2022-01-12"}}
}

// The moves PRODUCT.md allows, written out here rather than read from the
// code's own table: draft → negotiation → clearance → signed → active →
// expired | terminated | superseded, active ⇄ suspended; before signature a
// text may go back one step; a suspended agreement may also be terminated.
var wantMoves = map[[2]string]bool{
	{AgDraft, AgNegotiation}: true, {AgNegotiation, AgDraft}: true, {AgNegotiation, AgClearance}: true,
	{AgClearance, AgNegotiation}: true, {AgClearance, AgSigned}: true, {AgSigned, AgActive}: true,
	{AgActive, AgSuspended}: true, {AgActive, AgExpired}: true, {AgActive, AgTerminated}: true, {AgActive, AgSuperseded}: true,
	{AgSuspended, AgActive}: true, {AgSuspended, AgTerminated}: true,
}

func TestAgreementTransitions(t *testing.T) {
	sup := int64(9)
	for _, from := range AgreementStatuses {
		for _, to := range AgreementStatuses {
			a := &Agreement{ID: 1, Status: from, Parties: signedParties(), ExpiryDate: "2022-06-30"}
			err := a.Transition(StatusChange{To: to, Date: "2022-08-01", Reason: "breach", SupersededBy: &sup}, today)
			if wantMoves[[2]string{from, to}] != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			}
			if err != nil && a.Status != from {
				t.Errorf("%s → %s refused but status changed to %s", from, to, a.Status)
			}
		}
	}
}

func TestAgreementRules(t *testing.T) {
	half := []AgreementParty{{OrgID: 1, OrgName: "OIC", SignedOn: "2022-01-10"}, {OrgID: 2, OrgName: "WHO"}}
	for _, c := range []struct {
		name   string
		a      Agreement
		change StatusChange
		field  string
		says   string
	}{
		{"signed needs every signature", Agreement{Status: AgClearance, Parties: half}, StatusChange{To: AgSigned}, "parties", "not yet signed by WHO"},
		{"terminated needs a reason", Agreement{Status: AgActive, Parties: signedParties()}, StatusChange{To: AgTerminated, Date: "2022-08-01"}, "reason", "reason"},
		{"terminated needs a date", Agreement{Status: AgActive, Parties: signedParties()}, StatusChange{To: AgTerminated, Reason: "x"}, "date", "date"},
		{"termination not in the future", Agreement{Status: AgActive, Parties: signedParties()}, StatusChange{To: AgTerminated, Reason: "x", Date: "2030-01-01"}, "date", "future"},
		{"expired needs a passed expiry", Agreement{Status: AgActive, Parties: signedParties(), ExpiryDate: "2025-01-01"}, StatusChange{To: AgExpired}, "status", "expiry"},
		{"superseded needs its successor", Agreement{ID: 3, Status: AgActive, Parties: signedParties()}, StatusChange{To: AgSuperseded}, "superseded_by", "replaces"},
		{"illegal move names the rule", Agreement{Status: AgDraft}, StatusChange{To: AgActive}, "status", "cannot become active (allowed: negotiation)"},
		{"closed stays closed", Agreement{Status: AgTerminated}, StatusChange{To: AgActive}, "status", "closed"},
	} {
		err := c.a.Transition(c.change, today)
		f := ErrorFields(err)
		if len(f) != 1 || f[0].Field != c.field || !strings.Contains(f[0].Message, c.says) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	a := &Agreement{Status: AgActive, Parties: signedParties()}
	if err := a.Transition(StatusChange{To: AgTerminated, Reason: " mutual consent ", Date: "2022-08-01"}, today); err != nil {
		t.Fatal(err)
	}
	if a.TerminatedOn != "2022-08-01" || a.TerminationReason != "mutual consent" {
		t.Errorf("termination not recorded: %+v", a)
	}
}

func TestAgreementValidate(t *testing.T) {
	a := &Agreement{Kind: "mou", Title: "OIC–WHO MoU", Parties: []AgreementParty{{OrgID: 1, SignedOn: "2022-09-02"}, {OrgID: 1}},
		EffectiveDate: "2023-01-01", ExpiryDate: "2022-12-31", NoticeDays: -1}
	fields := map[string]bool{}
	for _, f := range ErrorFields(a.Validate(today)) {
		fields[f.Field] = true
	}
	for _, f := range []string{"parties[0].signed_on", "parties[1].org_id", "expiry_date", "notice_days"} {
		if !fields[f] {
			t.Errorf("no problem for %s: %v", f, fields)
		}
	}
	if err := (&Agreement{Kind: "mou", Title: "x", Parties: []AgreementParty{{OrgID: 1}}}).Validate(today); err == nil || !strings.Contains(err.Error(), "two or more parties") {
		t.Errorf("one party: %v", err)
	}
	m := &Amendment{Date: "2022-09-02", Changes: "", Reason: "x"}
	fields = map[string]bool{}
	for _, f := range ErrorFields(m.Validate(today)) {
		fields[f.Field] = true
	}
	if !fields["date"] || !fields["changes"] {
		t.Errorf("amendment: %v", fields)
	}
}

func TestIndicatorValueTransitions(t *testing.T) {
	allowed := map[[2]string]bool{{ValDraft, ValSubmitted}: true, {ValSubmitted, ValApproved}: true, {ValSubmitted, ValReturned}: true, {ValReturned, ValSubmitted}: true}
	all := []string{ValDraft, ValSubmitted, ValApproved, ValReturned}
	for _, from := range all {
		for _, to := range all {
			v := &IndicatorValue{Status: from}
			if err := v.Transition(to, "a comment"); allowed[[2]string{from, to}] != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			}
		}
	}
	v := &IndicatorValue{Status: ValSubmitted}
	if f := ErrorFields(v.Transition(ValReturned, " ")); len(f) != 1 || f[0].Field != "comment" {
		t.Errorf("returned without comment: %v", f)
	}
	for p, ok := range map[string]bool{"2023": true, "2023-Q2": true, "2023-06": true, "2023-13": false, "Q2 2023": false, "2023-q5": false} {
		v := &IndicatorValue{Period: p}
		if (v.Validate() == nil) != ok {
			t.Errorf("period %q accepted = %v", p, !ok)
		}
	}
}

// Which statuses count as signed and which as in force, written out by hand.
func TestSignedAndInForce(t *testing.T) {
	for _, c := range []struct {
		status          string
		signed, inForce bool
	}{
		{AgDraft, false, false}, {AgNegotiation, false, false}, {AgClearance, false, false},
		{AgSigned, true, true}, {AgActive, true, true}, {AgSuspended, true, true},
		{AgExpired, true, false}, {AgTerminated, true, false}, {AgSuperseded, true, false},
	} {
		if got := (&Agreement{Status: c.status}).Signed(); got != c.signed {
			t.Errorf("%s: Signed() = %v, want %v", c.status, got, c.signed)
		}
		if got := InForceStatus(c.status); got != c.inForce {
			t.Errorf("%s: InForceStatus = %v, want %v", c.status, got, c.inForce)
		}
	}
}
