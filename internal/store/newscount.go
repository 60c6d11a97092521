package store

import (
	"context"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// countPublicNews counts the items of f that are public at now, in two
// parts, so that the public site's total is kept between requests (db.count
// keeps a count per query and arguments while the data stays): a COUNT with
// now among its arguments is a new key every request, never found again,
// and filled the kept counts until they were all dropped.
//
// The published items are counted without now: an item is published only
// dated at or before the time it was written (NewsItem.Settle). The
// scheduled items whose time has come are counted on every request, apart
// from what is kept: they are the few that wait for their time, found by
// the index news_status.
func (db *DB) countPublicNews(ctx context.Context, f accord.NewsFilter, now time.Time) (int, error) {
	published := db.newsWhere(f, now)
	published.add("n.status = 'published'")
	n, err := db.count(ctx, "SELECT COUNT(*) FROM news n"+published.String(), published.args...)
	if err != nil {
		return 0, err
	}
	due := db.newsWhere(f, now)
	due.add("n.status = 'scheduled' AND n.publish_at <= ?", now.UTC())
	var m int
	err = db.queryRowRead(ctx, "SELECT COUNT(*) FROM news n"+due.String(), due.args...).Scan(&m)
	return n + m, err
}
