package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// NewOrg returns a valid organization for tests.
func NewOrg(name, acronym string) *accord.Organization {
	return &accord.Organization{NameEN: name, Acronym: acronym, Type: "40", HQCountry: "CH"}
}

// MustCreateOrg stores o as the administrator.
func MustCreateOrg(t testing.TB, db *store.DB, o *accord.Organization) *accord.Organization {
	t.Helper()
	if err := db.CreateOrganization(Admin(), o); err != nil {
		t.Fatalf("create %s: %v", o.NameEN, err)
	}
	return o
}

func testOrganizationCRUD(t *testing.T, db *store.DB) {
	ctx := Admin()
	oic := MustCreateOrg(t, db, &accord.Organization{NameEN: "Organisation of Islamic Cooperation", NameFR: "Organisation de la coopération islamique",
		NameAR: "منظمة التعاون الإسلامي", Acronym: "OIC", Type: "40", HQCountry: "sa", IATIID: "XM-OCHA-OIC", Website: "https://www.oic-oci.org"})
	if oic.ID == 0 || oic.Version != 1 || oic.HQCountry != "SA" {
		t.Fatalf("after create: id %d version %d country %q", oic.ID, oic.Version, oic.HQCountry)
	}
	got, err := db.GetOrganization(ctx, oic.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.NameAR != "منظمة التعاون الإسلامي" || got.Website != oic.Website || got.CreatedAt.IsZero() {
		t.Errorf("read back %+v", got)
	}
	sub := MustCreateOrg(t, db, &accord.Organization{NameEN: "Islamic Solidarity Fund", Type: "40", ParentID: &oic.ID})
	got.Acronym = "OCI"
	if err := db.UpdateOrganization(ctx, got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 {
		t.Errorf("version after update = %d, want 2", got.Version)
	}
	again, _ := db.GetOrganization(ctx, oic.ID)
	if again.Acronym != "OCI" || again.Version != 2 {
		t.Errorf("update not stored: %+v", again)
	}
	// A cycle through the child is refused.
	again.ParentID = &sub.ID
	if err := db.UpdateOrganization(ctx, again); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("cycle: got %v, want invalid", err)
	}
	archived, err := db.ArchiveOrganization(ctx, oic.ID, 2, true)
	if err != nil || !archived.Archived || archived.Version != 3 {
		t.Fatalf("archive: %+v %v", archived, err)
	}
	list, _, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{})
	for _, o := range list {
		if o.ID == oic.ID {
			t.Error("archived organization still listed among active ones")
		}
	}
	yes := true
	list, total, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{Archived: &yes})
	if total != 1 || list[0].ID != oic.ID {
		t.Errorf("archived list: total %d", total)
	}
	if _, err := db.GetOrganization(ctx, 999999); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("unknown id: %v", err)
	}
}

func testOrganizationInvalid(t *testing.T, db *store.DB) {
	ctx := Admin()
	MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organization", Type: "40", IATIID: "XM-DAC-928"})
	bad := 999999
	long := strings.Repeat("x", 301)
	for _, c := range []struct {
		name  string
		org   accord.Organization
		field string
	}{
		{"empty name", accord.Organization{Type: "40"}, "name_en"},
		{"long name", accord.Organization{NameEN: long, Type: "40"}, "name_en"},
		{"unknown type", accord.Organization{NameEN: "X", Type: "99"}, "type"},
		{"unknown country", accord.Organization{NameEN: "X", Type: "40", HQCountry: "ZZ"}, "hq_country"},
		{"bad website", accord.Organization{NameEN: "X", Type: "40", Website: "javascript:alert(1)"}, "website"},
		{"bad iati id", accord.Organization{NameEN: "X", Type: "40", IATIID: "not an id"}, "iati_id"},
		{"taken iati id", accord.Organization{NameEN: "X", Type: "40", IATIID: "XM-DAC-928"}, "iati_id"},
		{"unknown parent", accord.Organization{NameEN: "X", Type: "40", ParentID: ptr(int64(bad))}, "parent_id"},
	} {
		o := c.org
		err := db.CreateOrganization(ctx, &o)
		if accord.ErrorCode(err) != accord.EINVALID {
			t.Errorf("%s: got %v, want invalid", c.name, err)
			continue
		}
		if f := accord.ErrorFields(err); len(f) == 0 || f[0].Field != c.field {
			t.Errorf("%s: fields %+v, want %s", c.name, f, c.field)
		}
	}
	_, total, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{})
	if total != 1 {
		t.Errorf("after refused creates there are %d organizations, want 1", total)
	}
}

func ptr[T any](v T) *T { return &v }

func testOrganizationConflict(t *testing.T, db *store.DB) {
	ctx := Admin()
	o := MustCreateOrg(t, db, NewOrg("International Organization for Migration", "IOM"))
	first, _ := db.GetOrganization(ctx, o.ID)
	second, _ := db.GetOrganization(ctx, o.ID)
	first.Website = "https://www.iom.int"
	if err := db.UpdateOrganization(ctx, first); err != nil {
		t.Fatal(err)
	}
	second.Acronym = "OIM"
	err := db.UpdateOrganization(ctx, second)
	if accord.ErrorCode(err) != accord.ECONFLICT {
		t.Fatalf("stale update: got %v, want conflict", err)
	}
	now, _ := db.GetOrganization(ctx, o.ID)
	if now.Website != "https://www.iom.int" || now.Acronym != "IOM" {
		t.Errorf("stale update overwrote the first: %+v", now)
	}
	if _, err := db.ArchiveOrganization(ctx, o.ID, 1, true); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale archive: %v", err)
	}
}

func testOrganizationList(t *testing.T, db *store.DB) {
	ctx := Admin()
	MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé", Acronym: "WHO", Type: "40", HQCountry: "CH"})
	MustCreateOrg(t, db, &accord.Organization{NameEN: "International Committee of the Red Cross", Acronym: "ICRC", Type: "21", HQCountry: "CH"})
	MustCreateOrg(t, db, &accord.Organization{NameEN: "Islamic Development Bank", Acronym: "IsDB", Type: "40", HQCountry: "SA"})
	for i := 0; i < 30; i++ {
		MustCreateOrg(t, db, NewOrg(fmt.Sprintf("Zeta Foundation %02d", i), ""))
	}
	for _, c := range []struct {
		f    accord.OrganizationFilter
		want int
	}{
		{accord.OrganizationFilter{Q: "sante"}, 1},     // accents folded
		{accord.OrganizationFilter{Q: "who"}, 1},       // acronym
		{accord.OrganizationFilter{Q: "red cross"}, 1}, // every word must match
		{accord.OrganizationFilter{Q: "100%"}, 0},      // LIKE wildcards are literal
		{accord.OrganizationFilter{Country: "sa"}, 1},  // filter by country
		{accord.OrganizationFilter{Type: "21"}, 1},     // filter by type
		{accord.OrganizationFilter{Q: "zeta"}, 30},     // total is all matches
	} {
		_, total, err := db.ListOrganizations(ctx, c.f)
		if err != nil || total != c.want {
			t.Errorf("%+v: total %d (%v), want %d", c.f, total, err, c.want)
		}
	}
	page2, total, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{Q: "zeta", Page: 2, PerPage: 10, Sort: "-name"})
	if total != 30 || len(page2) != 10 || page2[0].NameEN != "Zeta Foundation 19" {
		t.Errorf("page 2 sorted by -name: total %d, len %d, first %q", total, len(page2), page2[0].NameEN)
	}
	// A page past the end still says how many there are, searching or not.
	for _, q := range []string{"zeta", ""} {
		items, total, err := db.ListOrganizations(ctx, accord.OrganizationFilter{Q: q, Page: 9, PerPage: 10})
		if err != nil || len(items) != 0 || total < 30 {
			t.Errorf("q=%q page past the end: %d items, total %d, %v", q, len(items), total, err)
		}
	}
	all, _, _ := db.ListOrganizations(ctx, accord.OrganizationFilter{Unlimited: true})
	if len(all) != 33 {
		t.Errorf("unlimited list has %d rows, want 33", len(all))
	}
}

// rolesCtx returns contexts for one user of each role; the partner belongs to org.
func rolesCtx(t *testing.T, db *store.DB, org int64) map[accord.Role]context.Context {
	out := map[accord.Role]context.Context{}
	for _, r := range accord.Roles {
		u := &accord.User{Email: string(r) + "@example.org", Name: string(r), Role: r}
		if r == accord.RolePartner {
			u.OrgID = &org
		}
		if err := db.CreateUser(Admin(), u, "x"); err != nil {
			t.Fatal(err)
		}
		out[r] = As(u)
	}
	return out
}

func testRolesEnforcedInStore(t *testing.T, db *store.DB) {
	org := MustCreateOrg(t, db, NewOrg("WHO", "WHO"))
	ctxs := rolesCtx(t, db, org.ID)
	for role, ctx := range ctxs {
		err := db.CreateOrganization(ctx, NewOrg("New "+string(role), ""))
		mayWrite := role == accord.RoleAdmin || role == accord.RoleEditor || role == accord.RoleOfficer
		if mayWrite != (err == nil) {
			t.Errorf("%s creating an organization: %v", role, err)
		}
		if !mayWrite && accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s: got %v, want forbidden", role, err)
		}
		_, _, err = db.ListUsers(ctx, accord.UserFilter{})
		if (role == accord.RoleAdmin) != (err == nil) {
			t.Errorf("%s listing users: %v", role, err)
		}
		_, _, err = db.ListAudit(ctx, accord.AuditFilter{})
		if (role == accord.RoleAdmin) != (err == nil) {
			t.Errorf("%s listing audit: %v", role, err)
		}
	}
	if _, _, err := db.ListOrganizations(context.Background(), accord.OrganizationFilter{}); accord.ErrorCode(err) != accord.EUNAUTHORIZED {
		t.Errorf("no actor: %v", err)
	}
}
