package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// Moderation: the only queries that read a commenter's email. Every method
// here requires an editor or an administrator.

const commentRecordColumns = `c.id, c.version, c.news_id, COALESCE(t.title, n.slug), n.slug, c.parent_id, c.status, c.name, c.email,
	c.website, c.body, c.lang, c.by_org, c.ip, c.created_at, c.updated_at`

// commentFrom joins each comment to its news item and the item's title in
// the comment's language, else in the first language the item has.
const commentFrom = ` FROM comments c JOIN news n ON n.id = c.news_id
	LEFT JOIN news_texts t ON t.news_id = n.id AND t.lang = (SELECT t2.lang FROM news_texts t2 WHERE t2.news_id = n.id
		ORDER BY CASE WHEN t2.lang = c.lang THEN 0 WHEN t2.lang = 'en' THEN 1 WHEN t2.lang = 'fr' THEN 2 ELSE 3 END LIMIT 1)`

func scanCommentRecord(row interface{ Scan(...any) error }) (*accord.CommentRecord, error) {
	c := &accord.CommentRecord{}
	var parent sql.NullInt64
	err := row.Scan(&c.ID, &c.Version, &c.NewsID, &c.NewsTitle, &c.NewsSlug, &parent, &c.Status, &c.Name, &c.Email,
		&c.Website, &c.Text, &c.Lang, &c.ByOrganization, &c.IP, &c.CreatedAt, &c.UpdatedAt)
	if parent.Valid {
		c.ParentID = &parent.Int64
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

func commentWhere(f accord.CommentFilter) *where {
	var w where
	if f.Status != "" {
		w.add("c.status = ?", f.Status)
	}
	if f.NewsID != 0 {
		w.add("c.news_id = ?", f.NewsID)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		w.add(`(LOWER(c.name) LIKE ? ESCAPE '\' OR c.email LIKE ? ESCAPE '\' OR LOWER(c.website) LIKE ? ESCAPE '\' OR LOWER(c.body) LIKE ? ESCAPE '\')`,
			like, like, like, like)
	}
	return &w
}

// ListComments lists comments for moderation, oldest first in the pending
// queue (first come, first served), newest first otherwise.
func (db *DB) ListComments(ctx context.Context, f accord.CommentFilter) ([]*accord.CommentRecord, int, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return nil, 0, err
	}
	w := commentWhere(f)
	order := " ORDER BY c.id DESC"
	if f.Status == accord.CommentPending {
		order = " ORDER BY c.id"
	}
	out := []*accord.CommentRecord{}
	total, err := db.pageCounted(ctx, listQuery{Count: "SELECT COUNT(*) FROM comments c" + w.String(), CountArgs: w.args,
		Select: "SELECT " + commentRecordColumns, From: commentFrom + w.String(), Order: order, Args: w.args,
		Page: f.Page, PerPage: f.PerPage, Search: false},
		func(row interface{ Scan(...any) error }) error {
			c, err := scanCommentRecord(row)
			out = append(out, c)
			return err
		})
	return out, total, err
}

// CommentCounts counts comments per status, of one item or of all.
func (db *DB) CommentCounts(ctx context.Context, newsID int64) (map[string]int, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return nil, err
	}
	var w where
	if newsID != 0 {
		w.add("news_id = ?", newsID)
	}
	return db.countByStatus(ctx, `SELECT status, COUNT(*) FROM comments`+w.String()+` GROUP BY status`, w.args, accord.CommentStatuses)
}

// countByStatus reads (status, count) rows into a map that has every one
// of statuses, at zero when no row names it: the counts of a queue's tabs.
func (db *DB) countByStatus(ctx context.Context, query string, args []any, statuses []string) (map[string]int, error) {
	rows, err := db.queryRead(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for _, s := range statuses {
		out[s] = 0
	}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// GetComment returns one comment for moderation.
func (db *DB) GetComment(ctx context.Context, id int64) (*accord.CommentRecord, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return nil, err
	}
	return db.getComment(ctx, id)
}

func (db *DB) getComment(ctx context.Context, id int64) (*accord.CommentRecord, error) {
	c, err := scanCommentRecord(db.queryRowRead(ctx, "SELECT "+commentRecordColumns+commentFrom+" WHERE c.id = ?", id))
	if err != nil {
		return nil, noRow(err, "Comment", id)
	}
	return c, nil
}

// ModerateComments moves each comment to status; comments already there,
// or gone, are skipped. It reports how many changed.
func (db *DB) ModerateComments(ctx context.Context, ids []int64, status string) (int, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return 0, err
	}
	if err := accord.ModerationTarget(status); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, &accord.Error{Code: accord.EINVALID, Message: "Choose at least one comment.",
			Fields: []accord.FieldError{{Field: "ids", Message: "is required"}}}
	}
	if len(ids) > 500 {
		return 0, &accord.Error{Code: accord.EINVALID, Message: "Moderate at most 500 comments at once.",
			Fields: []accord.FieldError{{Field: "ids", Message: "at most 500"}}}
	}
	changed := 0
	err := db.inTx(ctx, func(tx *Tx) error {
		changed = 0
		for _, id := range ids {
			before, err := tx.commentForUpdate(id)
			if err != nil {
				continue
			}
			if before.Status == status {
				continue
			}
			if _, err := tx.exec(`UPDATE comments SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`, status, tx.now, id); err != nil {
				return err
			}
			after := *before
			after.Status = status
			if err := tx.audit("update", "comment", id, auditOf(before), auditOf(&after)); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, err
}

func (tx *Tx) commentForUpdate(id int64) (*accord.CommentRecord, error) {
	c, err := scanCommentRecord(tx.queryRow("SELECT "+commentRecordColumns+commentFrom+" WHERE c.id = ?"+tx.forUpdateOf("c"), id))
	if err != nil {
		return nil, noRow(err, "Comment", id)
	}
	return c, nil
}

// UpdateComment saves a moderator's edit of a comment's name, website and text.
func (db *DB) UpdateComment(ctx context.Context, c *accord.CommentRecord) error {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		before, err := tx.commentForUpdate(c.ID)
		if err != nil {
			return err
		}
		if before.Version != c.Version {
			return accord.Stale("Comment", c.ID, c.Version, before.Version)
		}
		// The same rules as the form, with the stored email.
		s := accord.CommentSubmission{Name: c.Name, Email: before.Email, Website: c.Website, Text: c.Text}
		if err := s.Validate(); err != nil {
			return err
		}
		if err := tx.execVersioned("Comment", c.ID, c.Version, `UPDATE comments SET name = ?, website = ?, body = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, s.Name, s.Website, s.Text, tx.now, c.ID, c.Version); err != nil {
			return err
		}
		after := *before
		after.Name, after.Website, after.Text, after.Version, after.UpdatedAt = s.Name, s.Website, s.Text, before.Version+1, tx.now
		*c = after
		return tx.audit("update", "comment", c.ID, auditOf(before), auditOf(&after))
	})
}

// ReplyAsOrganization publishes a staff member's reply in the
// organization's name; it approves the comment replied to if it waited.
func (db *DB) ReplyAsOrganization(ctx context.Context, parentID int64, name, text string) (*accord.CommentRecord, error) {
	actor, err := accord.RequireModerator(ctx)
	if err != nil {
		return nil, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		parent, err := tx.commentForUpdate(parentID)
		if err != nil {
			return err
		}
		top, err := tx.replyParent(parent.NewsID, &parentID, false)
		if err != nil {
			return err
		}
		email := actor.Email
		if !strings.Contains(email, "@") {
			email = "staff@accord.invalid"
		}
		s := accord.CommentSubmission{Name: name, Email: email, Text: text}
		if err := s.Validate(); err != nil {
			return err
		}
		if parent.Status == accord.CommentPending {
			if _, err := tx.exec(`UPDATE comments SET status = 'approved', version = version + 1, updated_at = ? WHERE id = ?`, tx.now, parentID); err != nil {
				return err
			}
			after := *parent
			after.Status = accord.CommentApproved
			if err := tx.audit("update", "comment", parentID, auditOf(parent), auditOf(&after)); err != nil {
				return err
			}
		}
		var author *int64
		if actor.UserID != 0 {
			author = &actor.UserID
		}
		id, err = tx.insert(commentsTable.insertSQL(), commentRow(nil, &accord.CommentRecord{NewsID: parent.NewsID, ParentID: top, Status: accord.CommentApproved,
			Name: s.Name, Email: s.Email, Text: s.Text, Lang: parent.Lang, ByOrganization: true}, author, "", tx.now)...)
		if err != nil {
			return err
		}
		return tx.audit("create", "comment", id, nil, &commentAudit{NewsID: parent.NewsID, ParentID: top, Status: accord.CommentApproved,
			Name: s.Name, Text: s.Text, ByOrg: true})
	})
	if err != nil {
		return nil, err
	}
	return db.getComment(ctx, id)
}

// Notices to moderators: the job of package commentnotice. They need no actor.

// CommentNoticesDue lists per moderator the pending comments they were not
// told about, oldest first; userID 0 lists every moderator's.
func (db *DB) CommentNoticesDue(ctx context.Context, userID int64) ([]accord.CommentNotice, error) {
	var w where
	w.add("c.status = 'pending'")
	w.add("NOT EXISTS (SELECT 1 FROM comment_notified x WHERE x.comment_id = c.id AND x.user_id = u.id)")
	if userID != 0 {
		w.add("u.id = ?", userID)
	}
	// The last notice's time is read as the column it is (not an aggregate),
	// which SQLite's driver returns as a time.
	rows, err := db.queryRead(ctx, `SELECT u.id, u.email, u.name, u.language,
			(SELECT x.sent_at FROM comment_notified x WHERE x.user_id = u.id ORDER BY x.sent_at DESC LIMIT 1),
			c.id, COALESCE(t.title, n.slug), c.name, c.body, c.created_at
		FROM comments c JOIN news n ON n.id = c.news_id
		LEFT JOIN news_texts t ON t.news_id = n.id AND t.lang = (SELECT t2.lang FROM news_texts t2 WHERE t2.news_id = n.id
			ORDER BY CASE WHEN t2.lang = c.lang THEN 0 WHEN t2.lang = 'en' THEN 1 WHEN t2.lang = 'fr' THEN 2 ELSE 3 END LIMIT 1)
		JOIN users u ON u.role IN ('admin', 'editor') AND u.disabled = FALSE`+w.String()+`
		ORDER BY u.id, c.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []accord.CommentNotice
	for rows.Next() {
		var to accord.Recipient
		var lastSent sql.NullTime
		var pc accord.PendingComment
		if err := rows.Scan(&to.UserID, &to.Email, &to.Name, &to.Language, &lastSent, &pc.ID, &pc.NewsTitle, &pc.Name, &pc.Text, &pc.CreatedAt); err != nil {
			return nil, err
		}
		pc.CreatedAt = pc.CreatedAt.UTC()
		if len(out) == 0 || out[len(out)-1].To.UserID != to.UserID {
			out = append(out, accord.CommentNotice{To: to})
			if lastSent.Valid {
				out[len(out)-1].LastSentAt = lastSent.Time.UTC()
			}
		}
		out[len(out)-1].Comments = append(out[len(out)-1].Comments, pc)
	}
	return out, rows.Err()
}

// MarkCommentNoticeSent records the notice's comments as told to the
// moderator at now, in one transaction.
func (db *DB) MarkCommentNoticeSent(ctx context.Context, n accord.CommentNotice, now time.Time) error {
	return db.inTx(ctx, func(tx *Tx) error {
		for _, c := range n.Comments {
			if _, err := tx.exec(`INSERT INTO comment_notified (comment_id, user_id, sent_at) VALUES (?, ?, ?) ON CONFLICT (comment_id, user_id) DO NOTHING`,
				c.ID, n.To.UserID, now.UTC()); err != nil {
				return err
			}
		}
		return nil
	})
}
