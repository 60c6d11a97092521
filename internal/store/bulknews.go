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
