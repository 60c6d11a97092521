package intake

import (
	"slices"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/extract"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

const release = `The Director-General of the World Health Organization, Dr. Tedros Adhanom Ghebreyesus, met the Executive Director of the Zanzibar Health Collective, Amina Juma, in Geneva on 5 May 2023.
The two sides signed a memorandum of understanding on primary health care.`

// TestConfirmedNamesImproveLaterExtractions: an organization Accord does
// not know is missed; once an officer creates it, the next extraction
// finds it, by its name or by its acronym alone.
func TestConfirmedNamesImproveLaterExtractions(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := storetest.Admin()
	r := NewReader(db, func() time.Time { return time.Date(2023, 5, 6, 0, 0, 0, 0, time.UTC) })
	const zhc = "Zanzibar Health Collective"

	before, err := r.Read(ctx, release, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(before.Orgs, zhc) {
		t.Fatalf("an unknown organization was found: %v", before.Orgs)
	}
	x1, _ := r.Extractor(ctx)
	if x2, _ := r.Extractor(ctx); x1 != x2 {
		t.Errorf("the extractor was compiled again although no name changed")
	}

	storetest.MustCreateOrg(t, db, &accord.Organization{NameEN: zhc, NameFR: "Collectif de santé de Zanzibar", Acronym: "ZHC", Type: "21"})
	after, err := r.Read(ctx, release, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(after.Orgs, zhc) {
		t.Fatalf("the organization created since is not found: %v", after.Orgs)
	}
	for _, p := range after.People {
		if p.Name == "Amina Juma" && p.Organization != zhc {
			t.Errorf("Amina Juma's organization: %q", p.Organization)
		}
	}
	byAcronym, err := r.Read(ctx, "ZHC and the World Health Organization signed a memorandum of understanding in Geneva on 5 May 2023.", extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(byAcronym.Orgs, zhc) {
		t.Errorf("the acronym of an Accord organization is not recognised: %v", byAcronym.Orgs)
	}
}

// TestAccordNamesWin: Accord's spelling of an organization the shipped
// list knows becomes the canonical name, so that proposals link to the
// record.
func TestAccordNamesWin(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := storetest.Admin()
	storetest.MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organisation", Acronym: "WHO", Type: "40"})
	res, err := NewReader(db, nil).Read(ctx, release, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Orgs, "World Health Organisation") {
		t.Errorf("Accord's name is not the canonical one: %v", res.Orgs)
	}
}

func TestReadersMustBeStaffWhoWrite(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	viewer := &accord.User{Email: "v@example.org", Name: "V", Role: accord.RoleViewer}
	if err := db.CreateUser(storetest.Admin(), viewer, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := NewReader(db, nil).Read(storetest.As(viewer), release, extract.Options{}); accord.ErrorCode(err) != accord.EFORBIDDEN {
		t.Errorf("a viewer read with every name Accord knows: %v", err)
	}
}
