package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// visible checks that the actor may see the record a document belongs to;
// the record's own Get method applies the partner scope.
func (db *DB) visible(ctx context.Context, entity string, id int64) error {
	var err error
	switch entity {
	case "engagement":
		_, err = db.GetEngagement(ctx, id)
	case "agreement":
		_, err = db.GetAgreement(ctx, id)
	default:
		err = accord.Errorf(accord.EINVALID, "Documents attach to engagements and agreements, not to %q.", entity)
	}
	return err
}

// Attach stores data (once per content) and attaches it to a record, in one transaction.
func (db *DB) Attach(ctx context.Context, a *accord.Attachment, data []byte) error {
	actor, err := accord.RequireWriter(ctx)
	if err != nil {
		return err
	}
	if err := db.visible(ctx, a.Entity, a.EntityID); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	a.SHA256, a.Size, a.UploadedBy = hex.EncodeToString(sum[:]), int64(len(data)), actor.Email
	// Two first uploads of the same bytes race to store them: the loser
	// tries again and finds the winner's copy.
	return retryOnUnique(func() error { return db.attach(ctx, a, data) })
}

func (db *DB) attach(ctx context.Context, a *accord.Attachment, data []byte) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.storeAttachment(a, data); err != nil {
			return err
		}
		return tx.audit("create", "attachment", a.ID, nil, a)
	})
}

// storeAttachment stores data once per content (a.SHA256) and attaches it
// to the record a.Entity, a.EntityID; the caller writes the audit entry.
// Every upload goes through here: documents, news images, contact
// messages' files, press releases confirmed at intake.
func (tx *Tx) storeAttachment(a *accord.Attachment, data []byte) error {
	var docID int64
	err := tx.queryRow(`SELECT id FROM documents WHERE sha256 = ?`, a.SHA256).Scan(&docID)
	if errors.Is(err, sql.ErrNoRows) {
		docID, err = tx.insert(`INSERT INTO documents (sha256, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)`,
			a.SHA256, a.ContentType, a.Size, data, tx.now)
	}
	if err != nil {
		return err
	}
	a.CreatedAt = tx.now
	a.ID, err = tx.insert(`INSERT INTO attachments (document_id, entity, entity_id, filename, content_type, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		docID, a.Entity, a.EntityID, a.Filename, a.ContentType, a.UploadedBy, tx.now)
	return err
}

const attachmentColumns = `a.id, a.entity, a.entity_id, a.filename, COALESCE(NULLIF(a.content_type, ''), d.content_type), d.size, d.sha256, a.uploaded_by, a.created_at`

func scanAttachment(row interface{ Scan(...any) error }, extra ...any) (*accord.Attachment, error) {
	a := &accord.Attachment{}
	var created time.Time
	err := row.Scan(append([]any{&a.ID, &a.Entity, &a.EntityID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedBy, &created}, extra...)...)
	if err != nil {
		return nil, err
	}
	a.CreatedAt = created.UTC()
	// Names are cleaned at upload; those stored before that are cleaned here,
	// so that no page or download shows one that reverses its direction.
	a.Filename = accord.SafeFilename(a.Filename, a.ContentType)
	return a, nil
}

// Attachments lists the documents of a record the actor may see.
func (db *DB) Attachments(ctx context.Context, entity string, entityID int64) ([]*accord.Attachment, error) {
	if err := db.visible(ctx, entity, entityID); err != nil {
		return nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT `+attachmentColumns+` FROM attachments a JOIN documents d ON d.id = a.document_id
		WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.id`, entity, entityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	actor, _ := accord.ActorFrom(ctx)
	var out []*accord.Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, err
		}
		hideStaff(actor, &a.UploadedBy)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Document returns an attachment and its content, if the actor may see its record.
func (db *DB) Document(ctx context.Context, id int64) (*accord.Attachment, []byte, error) {
	actor, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, nil, err
	}
	var data []byte
	a, err := scanAttachment(db.queryRowRead(ctx, `SELECT `+attachmentColumns+`, d.data FROM attachments a JOIN documents d ON d.id = a.document_id WHERE a.id = ?`, id), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound("Document", id)
	} else if err != nil {
		return nil, nil, err
	}
	if err := db.visible(ctx, a.Entity, a.EntityID); err != nil {
		if code := accord.ErrorCode(err); code == accord.ENOTFOUND || code == accord.EFORBIDDEN {
			return nil, nil, notFound("Document", id)
		}
		return nil, nil, err
	}
	hideStaff(actor, &a.UploadedBy)
	return a, data, nil
}
