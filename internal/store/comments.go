package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/accordhq/accord/internal/accord"
)

// Comments: the public side (submitting, reading approved comments) needs no
// actor. Public reads select into accord.Comment, which has no email field;
// only the moderation queries (commentsmoderation.go) read the email.

// publicActor is who the audit log names for a reader's comment.
var publicActor = accord.Actor{Email: "public"}

// commentAudit is what the audit log keeps of a comment: not the email nor
// the IP address, which stay in the comment's row alone.
type commentAudit struct {
	NewsID   int64  `json:"news_id"`
	ParentID *int64 `json:"parent_id,omitempty"`
	Status   string `json:"status"`
	Name     string `json:"name"`
	Website  string `json:"website,omitempty"`
	Text     string `json:"text"`
	ByOrg    bool   `json:"by_organization,omitempty"`
}

func auditOf(c *accord.CommentRecord) *commentAudit {
	return &commentAudit{NewsID: c.NewsID, ParentID: c.ParentID, Status: c.Status, Name: c.Name, Website: c.Website, Text: c.Text, ByOrg: c.ByOrganization}
}

// SubmitComment stores a reader's comment on a public news item. A reply to
// a reply attaches to the top comment. The comment is approved at once only
// when the settings allow it and its email already has an approved comment.
func (db *DB) SubmitComment(ctx context.Context, c *accord.CommentSubmission) (int64, string, error) {
	if err := c.Validate(); err != nil {
		return 0, "", err
	}
	if _, ok := accord.ActorFrom(ctx); !ok {
		ctx = accord.WithActor(ctx, publicActor)
	}
	terms, err := db.blocklist(ctx)
	if err != nil {
		return 0, "", err
	}
	if _, hit := c.Blocked(terms); hit {
		return 0, "", accord.Errorf(accord.EINVALID, "This comment cannot be accepted: it contains a word or an address that this site does not accept.")
	}
	settings, err := db.commentSettings(ctx)
	if err != nil {
		return 0, "", err
	}
	var id int64
	var status string
	err = db.inTx(ctx, func(tx *Tx) error {
		if !tx.exists(`SELECT 1 FROM news WHERE id = ? AND status <> 'draft' AND publish_at <= ?`, c.NewsID, tx.now) {
			return accord.Errorf(accord.ENOTFOUND, "News item %d does not exist or is not public.", c.NewsID)
		}
		parent, err := tx.replyParent(c.NewsID, c.ParentID, true)
		if err != nil {
			return err
		}
		status = accord.CommentPending
		if settings.AutoApproveKnown && tx.exists(`SELECT 1 FROM comments WHERE email = ? AND status = 'approved' AND by_org = FALSE`, c.Email) {
			status = accord.CommentApproved
		}
		id, err = tx.insert(commentsTable.insertSQL(), commentRow(nil, &accord.CommentRecord{NewsID: c.NewsID, ParentID: parent, Status: status,
			Name: c.Name, Email: c.Email, Website: c.Website, Text: c.Text, Lang: c.Lang, IP: c.IP}, nil, c.UserAgent, tx.now)...)
		if err != nil {
			return err
		}
		return tx.audit("create", "comment", id, nil, &commentAudit{NewsID: c.NewsID, ParentID: parent, Status: status, Name: c.Name, Website: c.Website, Text: c.Text})
	})
	return id, status, err
}

// replyParent returns the top comment a reply attaches to: the parent
// itself, or its parent when it is a reply. Readers reply only to
// approved comments.
func (tx *Tx) replyParent(newsID int64, parentID *int64, approvedOnly bool) (*int64, error) {
	if parentID == nil || *parentID == 0 {
		return nil, nil
	}
	var top sql.NullInt64
	var status string
	err := tx.queryRow(`SELECT parent_id, status FROM comments WHERE id = ? AND news_id = ?`, *parentID, newsID).Scan(&top, &status)
	if !tx.found(err) || approvedOnly && status != accord.CommentApproved {
		return nil, &accord.Error{Code: accord.EINVALID, Message: "The comment you reply to is not there any more.",
			Fields: []accord.FieldError{{Field: "parent_id", Message: "is not a published comment of this news item"}}}
	}
	if top.Valid {
		return &top.Int64, nil
	}
	id := *parentID
	return &id, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// PublicComments lists the approved comments of a public item, threaded.
// Replies under a comment that is no longer approved are not shown.
func (db *DB) PublicComments(ctx context.Context, newsID int64) ([]*accord.Comment, int, error) {
	var one int
	err := db.queryRowRead(ctx, `SELECT 1 FROM news WHERE id = ? AND status <> 'draft' AND publish_at <= ?`, newsID, db.Clock().UTC()).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, accord.Errorf(accord.ENOTFOUND, "News item %d does not exist or is not public.", newsID)
	} else if err != nil {
		return nil, 0, err
	}
	// The columns a reader may see; the email is not among them.
	rows, err := db.queryRead(ctx, `SELECT id, news_id, parent_id, name, website, body, lang, by_org, created_at, updated_at
		FROM comments WHERE news_id = ? AND status = 'approved' ORDER BY id`, newsID)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*accord.Comment{}
	top := map[int64]*accord.Comment{}
	count := 0
	for rows.Next() {
		c := &accord.Comment{}
		var parent sql.NullInt64
		if err := rows.Scan(&c.ID, &c.NewsID, &parent, &c.Name, &c.Website, &c.Text, &c.Lang, &c.ByOrganization, &c.CreatedAt, &c.UpdatedAt); err != nil {
			return nil, 0, err
		}
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
		if parent.Valid {
			c.ParentID = &parent.Int64
			p, ok := top[parent.Int64]
			if !ok {
				continue
			}
			p.Replies = append(p.Replies, c)
		} else {
			top[c.ID] = c
			out = append(out, c)
		}
		count++
	}
	return out, count, rows.Err()
}

// PublicCommentsStamp sums up an item's approved comments: how many, the
// sum of their IDs (which changes when one is approved as another is
// withdrawn) and their latest change, from the index on (news_id, status).
func (db *DB) PublicCommentsStamp(ctx context.Context, newsID int64) (string, error) {
	var n, ids int64
	var latest string
	err := db.queryRowRead(ctx, `SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(CAST(MAX(updated_at) AS TEXT), '')
		FROM comments WHERE news_id = ? AND status = 'approved'`, newsID).Scan(&n, &ids, &latest)
	return fmt.Sprintf("%d.%d.%s", n, ids, latest), err
}

// Settings and the blocklist.

const (
	settingAutoApprove = "comments.auto_approve_known"
)

func (db *DB) setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := db.queryRowRead(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func (tx *Tx) putSetting(key, value string) error {
	_, err := tx.exec(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, tx.now)
	return err
}

// commentSettings reads the settings; by default known commenters are published at once.
func (db *DB) commentSettings(ctx context.Context) (accord.CommentSettings, error) {
	v, ok, err := db.setting(ctx, settingAutoApprove)
	return accord.CommentSettings{AutoApproveKnown: !ok || v == "true"}, err
}

// CommentSettings returns the moderation settings to moderators.
func (db *DB) CommentSettings(ctx context.Context) (accord.CommentSettings, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return accord.CommentSettings{}, err
	}
	return db.commentSettings(ctx)
}

// SetCommentSettings saves the moderation settings.
func (db *DB) SetCommentSettings(ctx context.Context, s accord.CommentSettings) error {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return err
	}
	before, err := db.commentSettings(ctx)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		value := "false"
		if s.AutoApproveKnown {
			value = "true"
		}
		if err := tx.putSetting(settingAutoApprove, value); err != nil {
			return err
		}
		return tx.audit("update", "comment_settings", 0, before, s)
	})
}

func (db *DB) blocklist(ctx context.Context) ([]accord.BlockedTerm, error) {
	rows, err := db.queryRead(ctx, `SELECT id, term, created_at FROM comment_blocklist ORDER BY term`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []accord.BlockedTerm{}
	for rows.Next() {
		var b accord.BlockedTerm
		if err := rows.Scan(&b.ID, &b.Term, &b.CreatedAt); err != nil {
			return nil, err
		}
		b.CreatedAt = b.CreatedAt.UTC()
		out = append(out, b)
	}
	return out, rows.Err()
}

// Blocklist lists the blocked words and addresses, to moderators.
func (db *DB) Blocklist(ctx context.Context) ([]accord.BlockedTerm, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return nil, err
	}
	return db.blocklist(ctx)
}

// AddBlockedTerm adds a word or address to the blocklist.
func (db *DB) AddBlockedTerm(ctx context.Context, term string) (*accord.BlockedTerm, error) {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return nil, err
	}
	term, err := accord.NormalizeBlockedTerm(term)
	if err != nil {
		return nil, err
	}
	b := &accord.BlockedTerm{Term: term}
	err = db.inTx(ctx, func(tx *Tx) error {
		if tx.exists(`SELECT 1 FROM comment_blocklist WHERE term = ?`, term) {
			return &accord.Error{Code: accord.ECONFLICT, Message: "This term is already blocked.",
				Fields: []accord.FieldError{{Field: "term", Message: "is already on the blocklist"}}}
		}
		id, err := tx.insert(`INSERT INTO comment_blocklist (term, created_at) VALUES (?, ?)`, term, tx.now)
		if err != nil {
			return err
		}
		b.ID, b.CreatedAt = id, tx.now
		return tx.audit("create", "comment_blocklist", id, nil, b)
	})
	return b, err
}

// RemoveBlockedTerm removes an entry of the blocklist.
func (db *DB) RemoveBlockedTerm(ctx context.Context, id int64) error {
	if _, err := accord.RequireModerator(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var b accord.BlockedTerm
		if err := tx.queryRow(`SELECT id, term, created_at FROM comment_blocklist WHERE id = ?`, id).Scan(&b.ID, &b.Term, &b.CreatedAt); err != nil {
			return noRow(err, "Blocklist entry", id)
		}
		if _, err := tx.exec(`DELETE FROM comment_blocklist WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.audit("delete", "comment_blocklist", id, &b, nil)
	})
}
