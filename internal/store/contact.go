package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// SubmitContact saves a message from the public form and its attachment in
// one transaction, audited as the contact form, with the job that
// acknowledges it, due at once.
func (db *DB) SubmitContact(ctx context.Context, m *accord.ContactMessage, a *accord.Attachment, data []byte) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.Status, m.AckState, m.AckAttempts, m.Version, m.AssigneeID, m.AckSentAt = accord.ContactNew, accord.AckPending, 0, 1, nil, nil
	if a != nil {
		sum := sha256.Sum256(data)
		a.Entity, a.SHA256, a.Size, a.UploadedBy = "contact", hex.EncodeToString(sum[:]), int64(len(data)), accord.ContactFormActor.Email
	}
	ctx = accord.WithActor(ctx, accord.ContactFormActor)
	return retryOnUnique(func() error {
		return db.inTx(ctx, func(tx *Tx) error {
			var err error
			m.CreatedAt, m.UpdatedAt = tx.now, tx.now
			// No ack_next_at: the previous release's instances, which claim
			// by it, leave this message's acknowledgement to the queue.
			if m.ID, err = tx.insert(contactTable.insertSQL(), contactRow(nil, m)...); err != nil {
				return err
			}
			if _, err := tx.enqueue(accord.ContactAckJob(m.ID, tx.now)); err != nil {
				return err
			}
			if a != nil {
				a.EntityID = m.ID
				if err := tx.storeAttachment(a, data); err != nil {
					return err
				}
				if _, err := tx.exec(`UPDATE contact_messages SET attachment_id = ? WHERE id = ?`, a.ID, m.ID); err != nil {
					return err
				}
				m.Attachment = a
			}
			// The audit log keeps what was sent, but not the sender's address twice over.
			return tx.audit("create", "contact_message", m.ID, nil, map[string]any{"name": m.Name, "category": m.Category,
				"status": m.Status, "attachment": a != nil})
		})
	})
}

const contactColumns = `c.id, c.version, c.name, c.email, c.category, c.message, c.lang, c.status, c.assignee_id, COALESCE(u.name, ''),
	c.attachment_id, c.ack_state, c.ack_attempts, c.ack_sent_at, c.created_at, c.updated_at`

const contactFrom = ` FROM contact_messages c LEFT JOIN users u ON u.id = c.assignee_id`

func scanContact(row interface{ Scan(...any) error }) (*accord.ContactMessage, error) {
	m := &accord.ContactMessage{}
	var assignee, attachment sql.NullInt64
	var sent sql.NullTime
	if err := row.Scan(&m.ID, &m.Version, &m.Name, &m.Email, &m.Category, &m.Message, &m.Lang, &m.Status, &assignee, &m.AssigneeName,
		&attachment, &m.AckState, &m.AckAttempts, &sent, &m.CreatedAt, &m.UpdatedAt); err != nil {
		return nil, err
	}
	if assignee.Valid {
		m.AssigneeID = &assignee.Int64
	}
	if attachment.Valid {
		m.Attachment = &accord.Attachment{ID: attachment.Int64}
	}
	if sent.Valid {
		t := sent.Time.UTC()
		m.AckSentAt = &t
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return m, nil
}

// ListContact lists the inbox, newest first.
func (db *DB) ListContact(ctx context.Context, f accord.ContactFilter) ([]*accord.ContactMessage, int, error) {
	if _, err := accord.RequireContactStaff(ctx); err != nil {
		return nil, 0, err
	}
	var w where
	if f.Status != "" {
		w.add("c.status = ?", f.Status)
	}
	if f.AssigneeID != 0 {
		w.add("c.assignee_id = ?", f.AssigneeID)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		w.add(`(LOWER(c.name) LIKE ? ESCAPE '\' OR LOWER(c.email) LIKE ? ESCAPE '\' OR LOWER(c.message) LIKE ? ESCAPE '\')`, like, like, like)
	}
	var total int
	if err := db.queryRowRead(ctx, `SELECT COUNT(*) FROM contact_messages c`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	if f.Page < 1 {
		f.Page = 1
	}
	rows, err := db.queryRead(ctx, `SELECT `+contactColumns+contactFrom+w.String()+` ORDER BY c.id DESC LIMIT ? OFFSET ?`,
		append(w.args, f.PerPage, (f.Page-1)*f.PerPage)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*accord.ContactMessage
	for rows.Next() {
		m, err := scanContact(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// ContactCounts counts the inbox per status; every status is present.
func (db *DB) ContactCounts(ctx context.Context) (map[string]int, error) {
	if _, err := accord.RequireContactStaff(ctx); err != nil {
		return nil, err
	}
	return db.countByStatus(ctx, `SELECT status, COUNT(*) FROM contact_messages GROUP BY status`, nil, accord.ContactStatuses)
}

// GetContact returns a message with its attachment's description and its notes.
func (db *DB) GetContact(ctx context.Context, id int64) (*accord.ContactMessage, error) {
	if _, err := accord.RequireContactStaff(ctx); err != nil {
		return nil, err
	}
	m, err := scanContact(db.queryRowRead(ctx, `SELECT `+contactColumns+contactFrom+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Contact message", id)
	} else if err != nil {
		return nil, err
	}
	if m.Attachment != nil {
		a, err := scanAttachment(db.queryRowRead(ctx, `SELECT `+attachmentColumns+` FROM attachments a JOIN documents d ON d.id = a.document_id WHERE a.id = ?`, m.Attachment.ID))
		if err != nil {
			return nil, err
		}
		m.Attachment = a
	}
	rows, err := db.queryRead(ctx, `SELECT id, author_id, author_name, text, created_at FROM contact_notes WHERE message_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n accord.ContactNote
		var author sql.NullInt64
		if err := rows.Scan(&n.ID, &author, &n.AuthorName, &n.Text, &n.CreatedAt); err != nil {
			return nil, err
		}
		if author.Valid {
			n.AuthorID = &author.Int64
		}
		n.CreatedAt = n.CreatedAt.UTC()
		m.Notes = append(m.Notes, n)
	}
	return m, rows.Err()
}

// UpdateContact changes a message's status and assignee, at the version the change was made from.
func (db *DB) UpdateContact(ctx context.Context, id int64, c accord.ContactChange) (*accord.ContactMessage, error) {
	if _, err := accord.RequireContactStaff(ctx); err != nil {
		return nil, err
	}
	var p accord.Problems
	if !slices.Contains(accord.ContactStatuses, c.Status) {
		p.Add("status", "must be one of %s", strings.Join(accord.ContactStatuses, ", "))
	}
	if c.AssigneeID != nil && *c.AssigneeID == 0 {
		c.AssigneeID = nil
	}
	if c.AssigneeID != nil {
		var role string
		var disabled bool
		err := db.queryRowRead(ctx, `SELECT role, disabled FROM users WHERE id = ?`, *c.AssigneeID).Scan(&role, &disabled)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if err != nil || disabled || !accord.ActorFor(&accord.User{Role: accord.Role(role)}).CanHandleContact() {
			p.Add("assignee_id", "must be an active editor, officer or administrator")
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	before, err := db.GetContact(ctx, id)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockVersion("contact_messages", "Contact message", id, c.Version, before.Version); err != nil {
			return err
		}
		if err := tx.execVersioned("Contact message", id, c.Version, `UPDATE contact_messages SET version = version + 1, status = ?, assignee_id = ?, updated_at = ?
			WHERE id = ? AND version = ?`, c.Status, nullID(c.AssigneeID), tx.now, id, c.Version); err != nil {
			return err
		}
		return tx.audit("update", "contact_message", id, map[string]any{"status": before.Status, "assignee_id": before.AssigneeID},
			map[string]any{"status": c.Status, "assignee_id": c.AssigneeID})
	})
	if err != nil {
		return nil, err
	}
	return db.GetContact(ctx, id)
}

// AddContactNote adds a staff member's internal note to a message.
func (db *DB) AddContactNote(ctx context.Context, id int64, text string) (*accord.ContactNote, error) {
	actor, err := accord.RequireContactStaff(ctx)
	if err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	var p accord.Problems
	if text == "" {
		p.Add("note", "is required")
	} else if len([]rune(text)) > 5000 {
		p.Add("note", "is too long (%d characters; at most %d)", len([]rune(text)), 5000)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if _, err := db.GetContact(ctx, id); err != nil {
		return nil, err
	}
	n := &accord.ContactNote{Text: text, AuthorName: actor.Email}
	if actor.UserID != 0 {
		n.AuthorID = &actor.UserID
		var name string
		if err := db.queryRowRead(ctx, `SELECT name FROM users WHERE id = ?`, actor.UserID).Scan(&name); err == nil && name != "" {
			n.AuthorName = name
		}
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var err error
		n.CreatedAt = tx.now
		if n.ID, err = tx.insert(`INSERT INTO contact_notes (message_id, author_id, author_name, text, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, nullID(n.AuthorID), n.AuthorName, n.Text, tx.now); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE contact_messages SET updated_at = ? WHERE id = ?`, tx.now, id); err != nil {
			return err
		}
		return tx.audit("create", "contact_note", n.ID, nil, map[string]any{"message_id": id, "text": n.Text})
	})
	return n, err
}

// ContactAttachment returns a message's attachment and its content, to the inbox's staff.
func (db *DB) ContactAttachment(ctx context.Context, id int64) (*accord.Attachment, []byte, error) {
	if _, err := accord.RequireContactStaff(ctx); err != nil {
		return nil, nil, err
	}
	var data []byte
	a, err := scanAttachment(db.queryRowRead(ctx, `SELECT `+attachmentColumns+`, d.data FROM contact_messages c
		JOIN attachments a ON a.id = c.attachment_id JOIN documents d ON d.id = a.document_id WHERE c.id = ?`, id), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, accord.Errorf(accord.ENOTFOUND, "Contact message %d has no attachment.", id)
	}
	return a, data, err
}

// ContactAssignees lists the active editors, officers and administrators, by name.
func (db *DB) ContactAssignees(ctx context.Context) ([]*accord.User, error) {
	if _, err := accord.RequireContactStaff(ctx); err != nil {
		return nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT id, name, role FROM users WHERE disabled = ? AND role IN ('admin', 'editor', 'officer') ORDER BY name, id`, false)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*accord.User
	for rows.Next() {
		u := &accord.User{}
		if err := rows.Scan(&u.ID, &u.Name, &u.Role); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// FormKey returns the key the site signs public forms with, made on first use.
func (db *DB) FormKey(ctx context.Context) ([]byte, error) {
	var key []byte
	err := db.queryRowRead(ctx, `SELECT key FROM site_keys WHERE name = 'forms'`).Scan(&key)
	if err == nil {
		return key, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	// Two instances starting at once: one key wins and both read it.
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`INSERT INTO site_keys (name, key, created_at) VALUES ('forms', ?, ?) ON CONFLICT (name) DO NOTHING`, fresh, tx.now); err != nil {
			return err
		}
		return tx.queryRow(`SELECT key FROM site_keys WHERE name = 'forms'`).Scan(&key)
	})
	return key, err
}

// RecordContactAck records the outcome of attempt at a pending
// acknowledgement: sent, or still pending after a failure, or failed after
// the last attempt. An acknowledgement no longer pending is left as it is.
func (db *DB) RecordContactAck(ctx context.Context, id int64, attempt int, sendErr string, last bool, now time.Time) error {
	now = now.UTC()
	ctx = accord.WithActor(ctx, accord.SystemActor)
	return db.inTx(ctx, func(tx *Tx) error {
		var state string
		var attempts int
		if err := tx.queryRow(`SELECT ack_state, ack_attempts FROM contact_messages WHERE id = ?`+tx.forUpdate(), id).Scan(&state, &attempts); err != nil {
			return noRow(err, "Contact message", id)
		}
		if state != accord.AckPending {
			return nil
		}
		after := map[string]any{"ack_state": accord.AckSent, "ack_attempts": attempt}
		var err error
		switch {
		case sendErr == "":
			_, err = tx.exec(`UPDATE contact_messages SET ack_state = 'sent', ack_attempts = ?, ack_sent_at = ?, ack_error = '' WHERE id = ?`, attempt, now, id)
		case !last:
			after["ack_state"], after["ack_error"] = accord.AckPending, sendErr
			_, err = tx.exec(`UPDATE contact_messages SET ack_attempts = ?, ack_error = ? WHERE id = ?`, attempt, sendErr, id)
		default:
			after["ack_state"], after["ack_error"] = accord.AckFailed, sendErr
			_, err = tx.exec(`UPDATE contact_messages SET ack_state = 'failed', ack_attempts = ?, ack_error = ? WHERE id = ?`, attempt, sendErr, id)
		}
		if err != nil {
			return err
		}
		return tx.audit("update", "contact_message", id, map[string]any{"ack_state": state, "ack_attempts": attempts}, after)
	})
}
