package accord

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Organisation mondiale de la Santé": "organisation mondiale de la sante",
		"  WHO/OMS  ":                       "who oms",
		"Côte d'Ivoire":                     "cote d ivoire",
		"مُنَظَّمَة":                        "منظمة", // harakat dropped
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOrganizationValidate(t *testing.T) {
	o := &Organization{NameEN: "  World Health Organization ", Type: "40", HQCountry: "ch", IATIID: "XM-DAC-928", Website: "https://www.who.int"}
	if err := o.Validate(); err != nil {
		t.Fatal(err)
	}
	if o.NameEN != "World Health Organization" || o.HQCountry != "CH" {
		t.Errorf("not normalised: %+v", o)
	}
	bad := &Organization{NameEN: strings.Repeat("é", 301), IATIID: "who", Website: "ftp://x", HQCountry: "CHE", NameFR: "a\x00b"}
	err := bad.Validate()
	fields := map[string]bool{}
	for _, f := range ErrorFields(err) {
		fields[f.Field] = true
	}
	for _, f := range []string{"name_en", "name_fr", "type", "iati_id", "website", "hq_country"} {
		if !fields[f] {
			t.Errorf("no problem reported for %s: %v", f, err)
		}
	}
	if ErrorCode(err) != EINVALID {
		t.Errorf("code %q", ErrorCode(err))
	}
}

func TestPersonValidate(t *testing.T) {
	p := &Person{Name: "X", Positions: []Position{{Title: "DG", OrgID: 1, From: "2020-02-30"}, {Title: "", OrgID: 0, From: "2021-01-01", To: "2020-01-01"}}}
	fields := map[string]bool{}
	for _, f := range ErrorFields(p.Validate()) {
		fields[f.Field] = true
	}
	for _, f := range []string{"positions[0].from", "positions[1].title", "positions[1].org_id", "positions[1].to"} {
		if !fields[f] {
			t.Errorf("no problem for %s (got %v)", f, fields)
		}
	}
}

func TestPositionCurrent(t *testing.T) {
	day := time.Date(2022, 7, 22, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		p    Position
		want bool
	}{
		{Position{From: "2017-07-01"}, true},
		{Position{From: "2018-10-01", To: "2023-09-30"}, true},
		{Position{From: "2023-10-01"}, false},
		{Position{To: "2022-07-21"}, false},
		{Position{}, true},
	} {
		if got := c.p.Current(day); got != c.want {
			t.Errorf("%+v current on %s = %v", c.p, day.Format(time.DateOnly), got)
		}
	}
}

func TestUserValidate(t *testing.T) {
	org := int64(1)
	for _, c := range []struct {
		u     User
		field string
	}{
		{User{Email: "a@b.org", Name: "A", Role: "root"}, "role"},
		{User{Email: "not an email", Name: "A", Role: RoleViewer}, "email"},
		{User{Email: "a@b.org", Name: "A", Role: RolePartner}, "org_id"},
		{User{Email: "a@b.org", Name: "A", Role: RoleViewer, OrgID: &org}, "org_id"},
		{User{Email: "a@b.org", Name: "A", Role: RoleViewer, Language: "de"}, "language"},
	} {
		f := ErrorFields(c.u.Validate())
		if len(f) != 1 || f[0].Field != c.field {
			t.Errorf("%+v: %+v, want a problem with %s", c.u, f, c.field)
		}
	}
}

func TestErrorsAndPaging(t *testing.T) {
	if ErrorCode(errors.New("boom")) != EINTERNAL || ErrorMessage(errors.New("secret detail")) != "Internal error." {
		t.Error("internal errors leak or are misclassified")
	}
	if ErrorCode(Stale("Organization", 1, 2, 3)) != ECONFLICT {
		t.Error("stale is not a conflict")
	}
	for _, c := range [][4]int{{0, 0, 50, 0}, {3, 10, 10, 20}, {1, 500, 200, 0}, {-1, -5, 50, 0}} {
		if l, o := Page(c[0], c[1]); l != c[2] || o != c[3] {
			t.Errorf("Page(%d, %d) = %d, %d", c[0], c[1], l, o)
		}
	}
}

func TestActionPointTransitions(t *testing.T) {
	allowed := map[[2]string]bool{
		{APOpen, APInProgress}: true, {APOpen, APDone}: true, {APOpen, APDropped}: true,
		{APInProgress, APOpen}: true, {APInProgress, APDone}: true, {APInProgress, APDropped}: true,
	}
	for _, from := range ActionPointStatuses {
		for _, to := range append(ActionPointStatuses, "archived") {
			a := &ActionPoint{Status: from}
			err := a.Transition(to, "a note")
			if allowed[[2]string{from, to}] != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			}
			if err != nil && (ErrorCode(err) != EINVALID || a.Status != from) {
				t.Errorf("%s → %s refused badly: %v, status now %s", from, to, err, a.Status)
			}
		}
	}
	a := &ActionPoint{Status: APInProgress}
	if f := ErrorFields(a.Transition(APDone, "  ")); len(f) != 1 || f[0].Field != "status_note" {
		t.Errorf("done without a note: %v", f)
	}
	if f := ErrorFields(a.Transition(APDropped, "")); len(f) != 1 || !strings.Contains(f[0].Message, "reason") {
		t.Errorf("dropped without a reason: %v", f)
	}
	if err := (&ActionPoint{Status: APDone}).Transition(APOpen, "x"); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("reopening a done point: %v", err)
	}
}

func TestOverdueIsDerived(t *testing.T) {
	day := time.Date(2022, 9, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		a    ActionPoint
		want bool
	}{
		{ActionPoint{Status: APOpen, DueDate: "2022-08-31"}, true},
		{ActionPoint{Status: APInProgress, DueDate: "2022-08-31"}, true},
		{ActionPoint{Status: APOpen, DueDate: "2022-09-01"}, false},
		{ActionPoint{Status: APDone, DueDate: "2022-08-01"}, false},
		{ActionPoint{Status: APOpen}, false},
	} {
		if got := c.a.IsOverdue(day); got != c.want {
			t.Errorf("%+v overdue = %v", c.a, got)
		}
	}
}

func TestEngagementApproximateDate(t *testing.T) {
	e := &Engagement{Kind: "meeting", Title: "OIC–WHO", Date: "2022-06-17", DatePrecision: "month", Topics: []string{" health ", "health", ""}}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Date != "2022-06-01" || len(e.Topics) != 1 {
		t.Errorf("normalised: %s %v", e.Date, e.Topics)
	}
	bad := &Engagement{Kind: "party", Date: "2022-13-01", DatePrecision: "week", Sources: []Source{{URL: "javascript:x"}}}
	fields := map[string]bool{}
	for _, f := range ErrorFields(bad.Validate()) {
		fields[f.Field] = true
	}
	for _, f := range []string{"kind", "title", "date", "date_precision", "sources[0].url"} {
		if !fields[f] {
			t.Errorf("no problem for %s: %v", f, fields)
		}
	}
}
