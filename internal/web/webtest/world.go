package webtest

import (
	"net/url"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

// PublicWorld is the OIC–WHO release in English, French and Arabic, an IOM
// item scheduled two days later, and a draft.
func PublicWorld(t *testing.T, db *store.DB, now time.Time) (who *accord.Organization) {
	t.Helper()
	ctx := storetest.Admin()
	oic := storetest.MustCreateOrg(t, db, &accord.Organization{NameEN: "Organisation of Islamic Cooperation", Acronym: "OIC", Type: "40"})
	who = storetest.MustCreateOrg(t, db, &accord.Organization{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé", Acronym: "WHO", Type: "40"})
	meeting := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting", Date: "2022-07-22", Organizations: []accord.EngagementOrg{{OrgID: oic.ID}, {OrgID: who.ID}}}
	if err := db.CreateEngagement(ctx, meeting); err != nil {
		t.Fatal(err)
	}
	published := now.Add(-time.Hour)
	later := now.Add(48 * time.Hour)
	for _, n := range []*accord.NewsItem{
		{Slug: "oic-who", Status: accord.NewsPublished, PublishAt: &published, Tags: []string{"health"},
			Links: []accord.NewsLink{{Entity: "engagement", EntityID: meeting.ID}},
			Translations: []accord.NewsTranslation{
				{Lang: "en", Title: "OIC, WHO enhance cooperation", Summary: "Geneva, 22 July 2022", Body: "Agreed to develop a **new MoU**.\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) </script><script>alert(2)</script>"},
				{Lang: "fr", Title: "L'OCI et l'OMS renforcent leur coopération", Body: "Un nouveau **mémorandum**."},
				{Lang: "ar", Title: "تعزيز التعاون بين المنظمتين", Body: "مذكرة تفاهم **جديدة**."}}},
		{Slug: "iom-framework", Status: accord.NewsScheduled, PublishAt: &later, Tags: []string{"migration"},
			Translations: []accord.NewsTranslation{{Lang: "en", Title: "OIC and IOM: an enhanced framework of engagement"}}},
		{Slug: "secret-draft", Status: accord.NewsDraft, Translations: []accord.NewsTranslation{{Lang: "en", Title: "Draft"}}},
	} {
		if err := db.CreateNews(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	return who
}

// CommentForm is a filled comment form.
func CommentForm(name, email, text string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "website": {""}, "text": {text}, "homepage": {""}}
}
