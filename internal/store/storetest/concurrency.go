package storetest

import (
	"sync"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

// testConcurrentWriters races writers holding the same version of a record:
// exactly one may win, the others must get a conflict, and the record must be
// one writer's whole change, never a mix.
func testConcurrentWriters(t *testing.T, db *store.DB) {
	ctx := Admin()
	org := MustCreateOrg(t, db, NewOrg("World Health Organization", "WHO"))
	other := MustCreateOrg(t, db, NewOrg("International Committee of the Red Cross", "ICRC"))
	person := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: org.ID}}}
	if err := db.CreatePerson(ctx, person); err != nil {
		t.Fatal(err)
	}
	const writers = 8
	race := func(name string, write func(i int) error) {
		var wg sync.WaitGroup
		errs := make([]error, writers)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = write(i)
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch accord.ErrorCode(err) {
			case "":
				won++
			case accord.ECONFLICT:
			default:
				t.Errorf("%s: unexpected error %v", name, err)
			}
		}
		if won != 1 {
			t.Errorf("%s: %d of %d writers at one version succeeded, want exactly 1", name, won, writers)
		}
	}
	race("update organization", func(i int) error {
		o := NewOrg("World Health Organization", "WHO")
		o.ID, o.Version, o.Website = org.ID, 1, "https://writer"+itoa(i)+".example"
		return db.UpdateOrganization(ctx, o)
	})
	race("archive organization", func(int) error {
		_, err := db.ArchiveOrganization(ctx, org.ID, 2, true)
		return err
	})
	race("update person", func(i int) error {
		p := &accord.Person{ID: person.ID, Version: 1, Name: "Writer " + itoa(i), Positions: []accord.Position{
			{Title: "Title of writer " + itoa(i), OrgID: org.ID}, {Title: "Second title of writer " + itoa(i), OrgID: other.ID}}}
		return db.UpdatePerson(ctx, p)
	})
	got, err := db.GetPerson(ctx, person.ID)
	if err != nil {
		t.Fatal(err)
	}
	writer := got.Name[len("Writer "):]
	if len(got.Positions) != 2 || got.Positions[0].Title != "Title of writer "+writer || got.Positions[1].Title != "Second title of writer "+writer {
		t.Errorf("person mixes writers: %s with %+v", got.Name, got.Positions)
	}
	race("archive person", func(int) error {
		_, err := db.ArchivePerson(ctx, person.ID, 2, true)
		return err
	})
}

func itoa(i int) string { return string(rune('0' + i)) }
