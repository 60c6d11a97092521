package storetest

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testNews(t *testing.T, db *store.DB) {
	ids, meeting := genevaWorld(t, db)
	now := time.Date(2022, 7, 25, 9, 0, 0, 0, time.UTC)
	clock := now
	db.UseClock(func() time.Time { return clock })
	editor := &accord.User{Email: "comms@oic-oci.org", Name: "Comms", Role: accord.RoleEditor}
	officer := &accord.User{Email: "officer@oic-oci.org", Name: "Officer", Role: accord.RoleOfficer}
	whoID := ids["WHO"]
	partner := &accord.User{Email: "focal@who.int", Name: "WHO focal point", Role: accord.RolePartner, OrgID: &whoID}
	for _, u := range []*accord.User{editor, officer, partner} {
		if err := db.CreateUser(Admin(), u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	ctx := As(editor)

	release := &accord.NewsItem{Slug: "oic-who-enhance-cooperation", Status: accord.NewsPublished, Tags: []string{"health", "WHO", " health "},
		Translations: []accord.NewsTranslation{
			{Lang: "ar", Title: "تعزيز التعاون بين منظمة التعاون الإسلامي ومنظمة الصحة العالمية", Body: "نص"},
			{Lang: "en", Title: "OIC, WHO enhance cooperation in health sector", Summary: "Geneva meeting", Body: "The two sides agreed to develop a new **memorandum of understanding**."},
			{Lang: "fr", Title: "  "},
		},
		Links: []accord.NewsLink{{Entity: "engagement", EntityID: meeting.ID}, {Entity: "engagement", EntityID: meeting.ID}}}
	if err := db.CreateNews(ctx, release); err != nil {
		t.Fatal(err)
	}
	if release.PublishAt == nil || !release.PublishAt.Equal(now) {
		t.Errorf("published now: publish_at %v", release.PublishAt)
	}
	if got := release.Langs(); !slices.Equal(got, []string{"en", "ar"}) {
		t.Errorf("languages %v, want en ar (an empty French text is dropped)", got)
	}
	if !slices.Equal(release.Tags, []string{"health", "WHO"}) || len(release.Links) != 1 {
		t.Errorf("tags %v, links %+v", release.Tags, release.Links)
	}

	// Rules: a taken slug, a bad slug, a missing record, a schedule without a time, roles.
	for name, c := range map[string]struct {
		n     accord.NewsItem
		field string
	}{
		"taken slug":   {accord.NewsItem{Slug: "oic-who-enhance-cooperation", Status: "draft", Translations: []accord.NewsTranslation{{Lang: "en", Title: "x"}}}, "slug"},
		"bad slug":     {accord.NewsItem{Slug: "Not a slug!", Status: "draft", Translations: []accord.NewsTranslation{{Lang: "en", Title: "x"}}}, "slug"},
		"no title":     {accord.NewsItem{Slug: "empty", Status: "draft"}, "title_en"},
		"missing link": {accord.NewsItem{Slug: "l", Status: "draft", Translations: []accord.NewsTranslation{{Lang: "en", Title: "x"}}, Links: []accord.NewsLink{{Entity: "agreement", EntityID: 999}}}, "links[0].entity_id"},
		"unscheduled":  {accord.NewsItem{Slug: "s", Status: "scheduled", Translations: []accord.NewsTranslation{{Lang: "en", Title: "x"}}}, "publish_at"},
		"future":       {accord.NewsItem{Slug: "f", Status: "published", PublishAt: ptr(now.Add(time.Hour)), Translations: []accord.NewsTranslation{{Lang: "en", Title: "x"}}}, "publish_at"},
	} {
		err := db.CreateNews(ctx, &c.n)
		if accord.ErrorCode(err) != accord.EINVALID || !slices.ContainsFunc(accord.ErrorFields(err), func(f accord.FieldError) bool { return f.Field == c.field }) {
			t.Errorf("%s: %v, want a problem with %s", name, err, c.field)
		}
	}
	draft := &accord.NewsItem{Slug: "draft", Status: accord.NewsDraft, Translations: []accord.NewsTranslation{{Lang: "fr", Title: "Brouillon"}}}
	for _, u := range []*accord.User{officer, partner} {
		if err := db.CreateNews(As(u), draft); accord.ErrorCode(err) != accord.EFORBIDDEN {
			t.Errorf("%s writes news: %v", u.Role, err)
		}
	}
	if err := db.CreateNews(ctx, draft); err != nil {
		t.Fatal(err)
	}

	// Scheduled items become public when their time passes, with no job.
	later := now.Add(48 * time.Hour)
	scheduled := &accord.NewsItem{Slug: "iom-framework", Status: accord.NewsScheduled, PublishAt: &later, Tags: []string{"migration"},
		Translations: []accord.NewsTranslation{{Lang: "en", Title: "OIC and IOM agree an enhanced framework of engagement"}, {Lang: "fr", Title: "L'OCI et l'OIM"}}}
	if err := db.CreateNews(ctx, scheduled); err != nil {
		t.Fatal(err)
	}
	publicSlugs := func(f accord.NewsFilter, at time.Time) []string {
		t.Helper()
		clock = at
		items, total, err := db.ListPublicNews(Admin(), f)
		if err != nil || total != len(items) {
			t.Fatalf("public list: %v (total %d of %d)", err, total, len(items))
		}
		var out []string
		for _, n := range items {
			out = append(out, n.Slug)
		}
		return out
	}
	if got := publicSlugs(accord.NewsFilter{}, now); !slices.Equal(got, []string{"oic-who-enhance-cooperation"}) {
		t.Errorf("public now: %v", got)
	}
	if got := publicSlugs(accord.NewsFilter{}, later); !slices.Equal(got, []string{"iom-framework", "oic-who-enhance-cooperation"}) {
		t.Errorf("public after the scheduled time: %v", got)
	}
	clock = now
	if _, err := db.PublicNewsBySlug(Admin(), "iom-framework"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("scheduled item before its time: %v", err)
	}
	clock = later
	if _, err := db.PublicNewsBySlug(Admin(), "draft"); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("draft in public: %v", err)
	}
	if got, err := db.PublicNewsBySlug(Admin(), "iom-framework"); err != nil || got.StatusAt(later) != accord.NewsPublished {
		t.Errorf("scheduled item after its time: %v", err)
	}
	for name, c := range map[string]struct {
		f    accord.NewsFilter
		want []string
	}{
		"tag":      {accord.NewsFilter{Tag: "migration"}, []string{"iom-framework"}},
		"language": {accord.NewsFilter{Lang: "ar"}, []string{"oic-who-enhance-cooperation"}},
		"search":   {accord.NewsFilter{Q: "memorandum"}, []string{"oic-who-enhance-cooperation"}},
		"accents":  {accord.NewsFilter{Q: "oci oim"}, []string{"iom-framework"}},
		"org":      {accord.NewsFilter{OrgID: ids["WHO"]}, []string{"oic-who-enhance-cooperation"}},
		"no org":   {accord.NewsFilter{OrgID: ids["ICRC"]}, nil},
		"record":   {accord.NewsFilter{Entity: "engagement", EntityID: meeting.ID}, []string{"oic-who-enhance-cooperation"}},
	} {
		if got := publicSlugs(c.f, later); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	clock = later
	if tags, err := db.NewsTags(Admin(), 10); err != nil || !slices.Equal(tags, []string{"WHO", "health", "migration"}) {
		t.Errorf("tags: %v %v", tags, err)
	}

	// Staff see every status; a partner sees only what is public.
	clock = now
	for status, want := range map[string]int{"": 3, "draft": 1, "scheduled": 1, "published": 1} {
		if _, total, err := db.ListNews(As(officer), accord.NewsFilter{Status: status}); err != nil || total != want {
			t.Errorf("staff list %q: %d %v, want %d", status, total, err, want)
		}
	}
	if _, total, _ := db.ListNews(As(partner), accord.NewsFilter{}); total != 1 {
		t.Errorf("partner sees %d items, want 1", total)
	}
	if _, err := db.GetNews(As(partner), draft.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("partner reads a draft: %v", err)
	}

	// Update: stale versions are refused, the change is audited.
	draft.Status, draft.Slug = accord.NewsPublished, "now-public"
	if err := db.UpdateNews(ctx, draft); err != nil {
		t.Fatal(err)
	}
	stale := *draft
	stale.Version = 1
	if err := db.UpdateNews(ctx, &stale); accord.ErrorCode(err) != accord.ECONFLICT {
		t.Errorf("stale update: %v", err)
	}
	entries, _, err := db.ListAudit(Admin(), accord.AuditFilter{Entity: "news", EntityID: draft.ID})
	if err != nil || len(entries) != 2 || entries[0].Actor != editor.Email {
		t.Errorf("audit: %d entries %v", len(entries), err)
	}

	// The lead image is stored like documents and served only while the item is public.
	png := []byte("\x89PNG\r\n\x1a\n lead image")
	img := &accord.Attachment{Filename: "geneva.png", ContentType: "image/png"}
	if err := db.SetNewsImage(ctx, scheduled.ID, scheduled.Version, img, png); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.GetNews(ctx, scheduled.ID); got.ImageID == nil || *got.ImageID != img.ID || got.Version != 2 {
		t.Errorf("lead image not set: %+v", got)
	}
	if _, err := db.PublicNewsImage(Admin(), img.ID); accord.ErrorCode(err) != accord.ENOTFOUND {
		t.Errorf("image of an unpublished item: %v", err)
	}
	clock = later
	if got, err := db.PublicNewsImage(Admin(), img.ID); err != nil || !bytes.Equal(got.Data, png) || got.ContentType != "image/png" {
		t.Errorf("public image: %v", err)
	}
	if got, err := db.NewsImage(As(officer), img.ID); err != nil || !bytes.Equal(got.Data, png) {
		t.Errorf("staff preview of the image: %v", err)
	}
	other := int64(img.ID)
	release.ImageID = &other
	clock = now
	if err := db.UpdateNews(ctx, release); accord.ErrorCode(err) != accord.EINVALID {
		t.Errorf("another item's image as lead image: %v", err)
	}

	if err := db.DeleteNews(ctx, scheduled.ID, scheduled.Version+1); err != nil {
		t.Fatal(err)
	}
	if got := publicSlugs(accord.NewsFilter{Q: "framework"}, later); len(got) != 0 {
		t.Errorf("deleted item still found: %v", got)
	}
}
