package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// TestFreshnessDespiteFastClock: two instances on one PostgreSQL database,
// the first with a clock three hours ahead. An edit made on the second after
// one made on the first still changes the open-data validators, so that a
// browser or cache holding the page asks again and gets the new data.
func TestFreshnessDespiteFastClock(t *testing.T) {
	t.Parallel()
	fast := storetest.Open(t, store.Postgres)
	fast.Now = func() time.Time { return time.Now().UTC().Add(3 * time.Hour) }
	right, err := store.Open(context.Background(), fast.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { right.Close() })
	srv := httptest.NewServer(serve(t, right, nil, nil))
	t.Cleanup(srv.Close)
	get := func(etag, modified string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/open-data/activities-4w.csv", nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if modified != "" {
			req.Header.Set("If-Modified-Since", modified)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}

	ctx := storetest.Admin()
	storetest.MustCreateOrg(t, fast, storetest.NewOrg("World Health Organization", "WHO"))
	before := get("", "")
	if before.StatusCode != http.StatusOK {
		t.Fatalf("open data: %d", before.StatusCode)
	}
	// HTTP dates count whole seconds: the later edit is in the next one.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	iom := storetest.MustCreateOrg(t, right, storetest.NewOrg("International Organization for Migration", "IOM"))
	iom.NameEN = "IOM, the UN Migration Agency"
	if err := right.UpdateOrganization(ctx, iom); err != nil {
		t.Fatal(err)
	}
	if res := get(before.Header.Get("ETag"), ""); res.StatusCode != http.StatusOK {
		t.Errorf("after a later edit on the other instance, the ETag from before answers %d, want 200", res.StatusCode)
	}
	if res := get("", before.Header.Get("Last-Modified")); res.StatusCode != http.StatusOK {
		t.Errorf("after a later edit on the other instance, the Last-Modified from before (%s) answers %d, want 200",
			before.Header.Get("Last-Modified"), res.StatusCode)
	}
}
