package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestNewsPublicUnlessStaff(t *testing.T) {
	e := newEnv(t)
	ctx := storetest.Admin()
	meeting := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting", Date: "2022-07-22"}
	if err := e.db.CreateEngagement(ctx, meeting); err != nil {
		t.Fatal(err)
	}
	for _, n := range []*accord.NewsItem{
		{Slug: "oic-who", Status: accord.NewsPublished, Translations: []accord.NewsTranslation{{Lang: "en", Title: "OIC, WHO enhance cooperation"}},
			Links: []accord.NewsLink{{Entity: "engagement", EntityID: meeting.ID}}},
		{Slug: "draft", Status: accord.NewsDraft, Translations: []accord.NewsTranslation{{Lang: "en", Title: "Draft"}}},
	} {
		if err := e.db.CreateNews(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	org := e.org("World Health Organization", "WHO")
	_, partnerT := e.user("focal@who.int", accord.RolePartner, &org.ID)
	type list struct {
		Items []accord.NewsItem `json:"items"`
		Total int               `json:"total"`
	}
	for name, c := range map[string]struct {
		token string
		total int
		links bool
	}{"public": {"", 1, false}, "partner": {partnerT, 1, false}, "viewer": {viewerT, 2, true}, "admin": {e.adminT, 2, true}} {
		var got list
		if err := json.Unmarshal(e.do("GET", "/api/v1/news", c.token, nil).want(http.StatusOK).body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Total != c.total || len(got.Items) != c.total {
			t.Errorf("%s: %d items, want %d", name, got.Total, c.total)
			continue
		}
		hasLinks := slices.ContainsFunc(got.Items, func(n accord.NewsItem) bool { return len(n.Links) > 0 })
		if hasLinks != c.links {
			t.Errorf("%s: links shown %v, want %v", name, hasLinks, c.links)
		}
	}
	e.do("GET", "/api/v1/news?status=draft", "", nil).want(http.StatusBadRequest)
	e.do("GET", "/api/v1/news", "acc_not-a-token", nil).want(http.StatusUnauthorized)
	e.do("GET", "/api/v1/news?lang=xx", "", nil).want(http.StatusBadRequest)
}

func TestNewsSchemaMatchesJSON(t *testing.T) {
	doc, _ := readOpenAPI(t)
	for name, v := range map[string]any{"NewsItem": accord.NewsItem{}, "NewsTranslation": accord.NewsTranslation{}, "NewsLink": accord.NewsLink{}} {
		var documented []string
		for k := range doc.Components.Schemas[name].Properties {
			documented = append(documented, k)
		}
		sort.Strings(documented)
		if want := jsonNames(reflect.TypeOf(v)); !slices.Equal(documented, want) {
			t.Errorf("%s: documented %v, JSON has %v", name, documented, want)
		}
	}
}
