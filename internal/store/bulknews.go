package store

import (
	"fmt"
	"slices"

	"github.com/accordhq/accord/internal/accord"
)

// News writes news items as CreateNews does (the same checks, rows, texts,
// tags and links), without audit entries. An item is a few rows, and a
// world has a few thousand: the statements of a create are fast enough,
// and one code path is kept.
func (b *BulkWriter) News(items []*accord.NewsItem) error {
	if b.tx == nil {
		return fmt.Errorf("bulk load already ended")
	}
	tx := &Tx{tx: b.tx, db: b.db, ctx: b.ctx, now: b.now}
	for _, n := range items {
		if err := tx.createNews(n); err != nil {
			return fmt.Errorf("news item %q: %w", n.Slug, err)
		}
		if err := tx.failed; err != nil {
			return err
		}
	}
	for _, table := range []string{"news", "news_texts", "news_tags", "news_links"} {
		if !slices.Contains(b.written, table) {
			b.written = append(b.written, table)
		}
	}
	return nil
}

// Comments writes comments on news items written before, as moderation
// left them (any status; replies of the organization have ByOrganization),
// and sets their IDs. A reply's ParentID names a comment written before.
func (b *BulkWriter) Comments(cs []*accord.CommentRecord) error {
	first, err := b.ids("comments", len(cs))
	if err != nil {
		return err
	}
	args := make([]any, 0, len(cs)*16)
	for i, c := range cs {
		c.ID, c.Version = first+int64(i), 1
		if !slices.Contains(accord.CommentStatuses, c.Status) {
			return fmt.Errorf("comment %d: status %q is not one of %v", c.ID, c.Status, accord.CommentStatuses)
		}
		c.CreatedAt, c.UpdatedAt = b.stamps(c.CreatedAt, c.CreatedAt)
		args = commentRow(append(args, c.ID), c, nil, "", c.CreatedAt)
	}
	return b.insertWithIDs(commentsTable, args)
}
