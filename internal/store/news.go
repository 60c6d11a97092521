package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const newsColumns = `n.id, n.version, n.slug, n.status, n.publish_at, n.tags, n.image_id, n.created_at, n.updated_at`

func scanNews(row interface{ Scan(...any) error }) (*accord.NewsItem, error) {
	n := &accord.NewsItem{Translations: []accord.NewsTranslation{}, Links: []accord.NewsLink{}}
	var publishAt sql.NullTime
	var image sql.NullInt64
	var tags string
	var created, updated time.Time
	err := row.Scan(&n.ID, &n.Version, &n.Slug, &n.Status, &publishAt, &tags, &image, &created, &updated)
	if publishAt.Valid {
		t := publishAt.Time.UTC()
		n.PublishAt = &t
	}
	if image.Valid {
		n.ImageID = &image.Int64
	}
	n.Tags = splitLines(tags)
	n.CreatedAt, n.UpdatedAt = created.UTC(), updated.UTC()
	return n, err
}

// newsPublic limits news to items public at now.
func newsPublic(w *where, now time.Time) {
	w.add("n.status <> 'draft' AND n.publish_at <= ?", now.UTC())
}

// newsWhere builds the conditions of a news list.
func (db *DB) newsWhere(f accord.NewsFilter, now time.Time) *where {
	var w where
	db.matchWords(&w, "news", "n", f.Q)
	switch f.Status {
	case accord.NewsDraft:
		w.add("n.status = 'draft'")
	case accord.NewsScheduled:
		w.add("n.status = 'scheduled' AND n.publish_at > ?", now.UTC())
	case accord.NewsPublished:
		newsPublic(&w, now)
	}
	if f.Tag != "" {
		w.add("EXISTS (SELECT 1 FROM news_tags ft WHERE ft.news_id = n.id AND ft.tag = ?)", f.Tag)
	}
	if f.Lang != "" {
		w.add("EXISTS (SELECT 1 FROM news_texts fl WHERE fl.news_id = n.id AND fl.lang = ?)", f.Lang)
	}
	if f.Entity != "" {
		w.add("EXISTS (SELECT 1 FROM news_links fe WHERE fe.news_id = n.id AND fe.entity = ? AND fe.entity_id = ?)", f.Entity, f.EntityID)
	}
	if f.OrgID != 0 {
		// Records an organization, or one under it, took part in.
		org := `(SELECT so.id FROM organizations so WHERE so.id = ? OR so.parent_id = ?)`
		w.add(`EXISTS (SELECT 1 FROM news_links fo WHERE fo.news_id = n.id AND (
			(fo.entity = 'engagement' AND fo.entity_id IN (SELECT engagement_id FROM engagement_orgs WHERE org_id IN `+org+`))
			OR (fo.entity = 'agreement' AND fo.entity_id IN (SELECT agreement_id FROM agreement_parties WHERE org_id IN `+org+`))
			OR (fo.entity = 'activity' AND (fo.entity_id IN (SELECT activity_id FROM activity_orgs WHERE org_id IN `+org+`)
				OR fo.entity_id IN (SELECT id FROM activities WHERE lead_org_id IN `+org+`)))))`,
			f.OrgID, f.OrgID, f.OrgID, f.OrgID, f.OrgID, f.OrgID, f.OrgID, f.OrgID)
	}
	return &w
}

// ListNews lists news items for staff, newest first; partners see only public ones.
func (db *DB) ListNews(ctx context.Context, f accord.NewsFilter) ([]*accord.NewsItem, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	now := db.Clock()
	w := db.newsWhere(f, now)
	public := !a.IsStaff() || f.Status == accord.NewsPublished
	if !a.IsStaff() {
		newsPublic(w, now)
	}
	return db.listNews(ctx, w, f, true, public, nil)
}

// ListPublicNews lists the items public now, newest first, without their links.
func (db *DB) ListPublicNews(ctx context.Context, f accord.NewsFilter) ([]*accord.NewsItem, int, error) {
	now := db.Clock()
	w := db.newsWhere(f, now)
	newsPublic(w, now)
	var count func() (int, error)
	if f.Q == "" { // a search counts in its own pass (see page)
		count = func() (int, error) { return db.countPublicNews(ctx, f, now) }
	}
	return db.listNews(ctx, w, f, false, true, count)
}

// listNews lists the items w keeps, newest first. public says that w keeps
// only public items (newsPublic), which all have a publish_at: their order
// is then the plain (publish_at, id) that the index news_public walks,
// stopping at the page, instead of a sort of every public item. count, if
// set, counts the items in place of a COUNT over w.
func (db *DB) listNews(ctx context.Context, w *where, f accord.NewsFilter, links, public bool, count func() (int, error)) ([]*accord.NewsItem, int, error) {
	var out []*accord.NewsItem
	byID := map[int64]*accord.NewsItem{}
	// Undated drafts sort first: they are the newest work.
	order := " ORDER BY CASE WHEN n.publish_at IS NULL THEN 0 ELSE 1 END, n.publish_at DESC, n.id DESC"
	if public {
		order = " ORDER BY n.publish_at DESC, n.id DESC"
	}
	q := listQuery{Select: "SELECT " + newsColumns, From: "FROM news n" + w.String(), Order: order, Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Unlimited: f.Unlimited, Search: f.Q != ""}
	q.Count, q.CountArgs = "SELECT COUNT(*) "+q.From, q.Args
	if count != nil {
		q.Count = ""
	}
	total, err := db.pageCounted(ctx, q, func(row interface{ Scan(...any) error }) error {
		n, err := scanNews(row)
		out = append(out, n)
		byID[n.ID] = n
		return err
	})
	if err == nil && count != nil {
		total, err = count()
	}
	if err != nil {
		return nil, 0, err
	}
	if err := db.fillNewsTexts(ctx, byID); err != nil {
		return nil, 0, err
	}
	if links {
		err = db.fillNewsLinks(ctx, byID)
	}
	return out, total, err
}

// GetNews returns one news item for staff; partners see only public ones.
func (db *DB) GetNews(ctx context.Context, id int64) (*accord.NewsItem, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	n, err := db.getNews(ctx, "n.id = ?", id)
	if err != nil {
		return nil, noRow(err, "News item", id)
	}
	if !a.IsStaff() && !n.Public(db.Clock()) {
		return nil, notFound("News item", id)
	}
	return n, db.fillNewsLinks(ctx, map[int64]*accord.NewsItem{n.ID: n})
}

// PublicNewsBySlug returns the item with slug if it is public now, without its links.
func (db *DB) PublicNewsBySlug(ctx context.Context, slug string) (*accord.NewsItem, error) {
	n, err := db.getNews(ctx, "n.slug = ?", slug)
	if err == nil && !n.Public(db.Clock()) {
		err = sql.ErrNoRows
	}
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, accord.Errorf(accord.ENOTFOUND, "There is no news item %q.", slug)
		}
		return nil, err
	}
	return n, nil
}

func (db *DB) getNews(ctx context.Context, cond string, arg any) (*accord.NewsItem, error) {
	n, err := scanNews(db.queryRowRead(ctx, "SELECT "+newsColumns+" FROM news n WHERE "+cond, arg))
	if err != nil {
		return nil, err
	}
	return n, db.fillNewsTexts(ctx, map[int64]*accord.NewsItem{n.ID: n})
}

// fillNewsTexts loads the texts of the given items in one query, in Accord's language order.
func (db *DB) fillNewsTexts(ctx context.Context, byID map[int64]*accord.NewsItem) error {
	ids := idArgs(byID)
	if len(ids) == 0 {
		return nil
	}
	rows, err := db.queryRead(ctx, `SELECT news_id, lang, title, summary, body, image_alt FROM news_texts WHERE news_id IN (`+placeholders(len(ids))+`)
		ORDER BY news_id, CASE lang WHEN 'en' THEN 0 WHEN 'fr' THEN 1 ELSE 2 END`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t accord.NewsTranslation
		if err := rows.Scan(&id, &t.Lang, &t.Title, &t.Summary, &t.Body, &t.ImageAlt); err != nil {
			return err
		}
		byID[id].Translations = append(byID[id].Translations, t)
	}
	return rows.Err()
}

// fillNewsLinks loads the records the given items report, with their titles.
// A partner is shown only the records it may open: a public item may report
// an agreement between two other organizations, whose title is not its to read.
func (db *DB) fillNewsLinks(ctx context.Context, byID map[int64]*accord.NewsItem) error {
	ids := idArgs(byID)
	if len(ids) == 0 {
		return nil
	}
	rows, err := db.queryRead(ctx, `SELECT l.news_id, l.entity, l.entity_id, COALESCE(e.title, a.title, ac.title, '')
		FROM news_links l
		LEFT JOIN engagements e ON l.entity = 'engagement' AND e.id = l.entity_id
		LEFT JOIN agreements a ON l.entity = 'agreement' AND a.id = l.entity_id
		LEFT JOIN activities ac ON l.entity = 'activity' AND ac.id = l.entity_id
		WHERE l.news_id IN (`+placeholders(len(ids))+`) ORDER BY l.news_id, l.entity, l.entity_id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l accord.NewsLink
		if err := rows.Scan(&id, &l.Entity, &l.EntityID, &l.Title); err != nil {
			return err
		}
		byID[id].Links = append(byID[id].Links, l)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	a, _ := accord.ActorFrom(ctx)
	if !a.IsPartner() {
		return nil
	}
	return db.keepVisibleLinks(ctx, a, byID)
}

// keepVisibleLinks drops from the items the links to records a partner may not see.
func (db *DB) keepVisibleLinks(ctx context.Context, a accord.Actor, byID map[int64]*accord.NewsItem) error {
	ids := map[string][]int64{}
	for _, n := range byID {
		for _, l := range n.Links {
			ids[l.Entity] = append(ids[l.Entity], l.EntityID)
		}
	}
	seen := map[string]map[int64]bool{}
	for kind, list := range ids {
		var err error
		if seen[kind], err = db.visibleIDs(ctx, a, kind, list); err != nil {
			return err
		}
	}
	for _, n := range byID {
		n.Links = slices.DeleteFunc(n.Links, func(l accord.NewsLink) bool { return !seen[l.Entity][l.EntityID] })
	}
	return nil
}

// NewsTags lists the tags of public items, most used first.
func (db *DB) NewsTags(ctx context.Context, limit int) ([]string, error) {
	rows, err := db.queryRead(ctx, `SELECT t.tag FROM news_tags t JOIN news n ON n.id = t.news_id
		WHERE n.status <> 'draft' AND n.publish_at <= ? GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag LIMIT ?`, db.Clock().UTC(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var tag string
		if err := rows.Scan(&tag); err != nil {
			return nil, err
		}
		out = append(out, tag)
	}
	return out, rows.Err()
}

// newsSearch is the text an item is found by: every language's text and its tags.
func newsSearch(n *accord.NewsItem) string {
	parts := []string{strings.ReplaceAll(n.Slug, "-", " "), strings.Join(n.Tags, " ")}
	for _, t := range n.Translations {
		parts = append(parts, t.Title, t.Summary, t.Body)
	}
	return accord.Fold(strings.Join(parts, " "))
}
