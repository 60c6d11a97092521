package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestDeleteAnEngagement: the Delete button of an engagement's page
// removes it and goes back to the list; a page left open on an older
// version is refused with a conflict, and the record stays.
func TestDeleteAnEngagement(t *testing.T) {
	e := newEnv(t)
	who := storetest.MustCreateOrg(t, e.db, storetest.NewOrg("World Health Organization", "WHO"))
	create := func(title string) (*accord.Engagement, string) {
		m := &accord.Engagement{Kind: "meeting", Title: title, Date: "2022-07-22", Organizations: []accord.EngagementOrg{{OrgID: who.ID}}}
		if err := e.db.CreateEngagement(storetest.Admin(), m); err != nil {
			t.Fatal(err)
		}
		return m, "/app/engagements/" + strconv.FormatInt(m.ID, 10)
	}
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)

	gone, page := create("OIC–WHO meeting")
	res := b.post(page+"/delete", url.Values{"version": {strconv.Itoa(gone.Version)}}, page)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/app/engagements" {
		t.Fatalf("delete: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := b.get(page).StatusCode; got != http.StatusNotFound {
		t.Errorf("the deleted engagement's page: %d", got)
	}

	kept, page := create("OIC–ICRC meeting")
	kept.Title = "OIC–ICRC meeting in Geneva"
	if err := e.db.UpdateEngagement(storetest.Admin(), kept); err != nil {
		t.Fatal(err)
	}
	if got := b.post(page+"/delete", url.Values{"version": {"1"}}, page).StatusCode; got != http.StatusConflict {
		t.Errorf("delete from an older version: %d, want 409", got)
	}
	if got := b.get(page).StatusCode; got != http.StatusOK {
		t.Errorf("the engagement changed meanwhile was deleted: %d", got)
	}
}
