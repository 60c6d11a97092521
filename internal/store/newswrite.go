package store

import (
	"context"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// checkNews validates n against its own rules, the clock and the database:
// a free slug, records that exist, a lead image of this item.
func (tx *Tx) checkNews(n *accord.NewsItem) error {
	if err := n.Validate(); err != nil {
		return err
	}
	if err := n.Settle(tx.now); err != nil {
		return err
	}
	var p accord.Problems
	if tx.exists(`SELECT 1 FROM news WHERE slug = ? AND id <> ?`, n.Slug, n.ID) {
		p.Add("slug", "%q is taken by another news item", n.Slug)
	}
	tables := map[string]string{"engagement": "engagements", "agreement": "agreements", "activity": "activities"}
	for i := range n.Links {
		l := &n.Links[i]
		if !tx.found(tx.queryRow(`SELECT title FROM `+tables[l.Entity]+` WHERE id = ?`, l.EntityID).Scan(&l.Title)) {
			p.Add("links["+itoa(i)+"].entity_id", "%s %d does not exist", l.Entity, l.EntityID)
		}
	}
	if n.ImageID != nil && !tx.exists(`SELECT 1 FROM attachments WHERE id = ? AND entity = 'news' AND entity_id = ?`, *n.ImageID, n.ID) {
		p.Add("image_id", "is not an image of this news item")
	}
	return p.Err()
}

func (tx *Tx) saveNewsParts(n *accord.NewsItem) error {
	for _, table := range []string{"news_texts", "news_tags", "news_links"} {
		if _, err := tx.exec(`DELETE FROM `+table+` WHERE news_id = ?`, n.ID); err != nil {
			return err
		}
	}
	for _, t := range n.Translations {
		if _, err := tx.exec(`INSERT INTO news_texts (news_id, lang, title, summary, body, image_alt) VALUES (?, ?, ?, ?, ?, ?)`,
			n.ID, t.Lang, t.Title, t.Summary, t.Body, t.ImageAlt); err != nil {
			return err
		}
	}
	for _, tag := range n.Tags {
		if _, err := tx.exec(`INSERT INTO news_tags (news_id, tag) VALUES (?, ?)`, n.ID, tag); err != nil {
			return err
		}
	}
	for _, l := range n.Links {
		if _, err := tx.exec(`INSERT INTO news_links (news_id, entity, entity_id) VALUES (?, ?, ?)`, n.ID, l.Entity, l.EntityID); err != nil {
			return err
		}
	}
	return nil
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// CreateNews stores a new news item; "published" without a time publishes it at now.
func (db *DB) CreateNews(ctx context.Context, n *accord.NewsItem) error {
	if _, err := accord.RequireNewsEditor(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.createNews(n); err != nil {
			return err
		}
		return tx.audit("create", "news", n.ID, nil, n)
	})
}

// createNews checks and writes a new news item with its texts, tags and
// links: CreateNews, and the bulk loader without the audit entry.
func (tx *Tx) createNews(n *accord.NewsItem) error {
	n.ID, n.ImageID = 0, nil
	if err := tx.checkNews(n); err != nil {
		return err
	}
	id, err := tx.insert(`INSERT INTO news (version, slug, status, publish_at, tags, search, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
		n.Slug, n.Status, nullTime(n.PublishAt), strings.Join(n.Tags, "\n"), newsSearch(n), tx.now, tx.now)
	if err != nil {
		return err
	}
	n.ID, n.Version, n.CreatedAt, n.UpdatedAt = id, 1, tx.now, tx.now
	return tx.saveNewsParts(n)
}

// UpdateNews saves n if n.Version is current.
func (db *DB) UpdateNews(ctx context.Context, n *accord.NewsItem) error {
	if _, err := accord.RequireNewsEditor(ctx); err != nil {
		return err
	}
	before, err := db.GetNews(ctx, n.ID)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockVersion("news", "News item", n.ID, n.Version, before.Version); err != nil {
			return err
		}
		if err := tx.checkNews(n); err != nil {
			return err
		}
		if err := tx.execVersioned("News item", n.ID, n.Version, `UPDATE news SET version = version + 1, slug = ?, status = ?, publish_at = ?, tags = ?,
			image_id = ?, search = ?, updated_at = ? WHERE id = ? AND version = ?`,
			n.Slug, n.Status, nullTime(n.PublishAt), strings.Join(n.Tags, "\n"), nullID(n.ImageID), newsSearch(n), tx.now, n.ID, n.Version); err != nil {
			return err
		}
		n.Version, n.CreatedAt, n.UpdatedAt = n.Version+1, before.CreatedAt, tx.now
		if err := tx.saveNewsParts(n); err != nil {
			return err
		}
		return tx.audit("update", "news", n.ID, before, n)
	})
}

// DeleteNews deletes a news item and its images' attachments (the stored
// bytes stay, as they may be attached elsewhere).
func (db *DB) DeleteNews(ctx context.Context, id int64, version int) error {
	if _, err := accord.RequireNewsEditor(ctx); err != nil {
		return err
	}
	before, err := db.GetNews(ctx, id)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.execVersioned("News item", id, version, `DELETE FROM news WHERE id = ? AND version = ?`, id, version); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM attachments WHERE entity = 'news' AND entity_id = ?`, id); err != nil {
			return err
		}
		return tx.audit("delete", "news", id, before, nil)
	})
}
