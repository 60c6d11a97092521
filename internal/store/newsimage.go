package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/accordhq/accord/internal/accord"
)

// SetNewsImage stores an image as documents are stored (once per content),
// attaches it to the news item and makes it the lead image, in one
// transaction that moves the item to its next version.
func (db *DB) SetNewsImage(ctx context.Context, id int64, version int, a *accord.Attachment, data []byte) error {
	actor, err := accord.RequireNewsEditor(ctx)
	if err != nil {
		return err
	}
	before, err := db.GetNews(ctx, id)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	a.Entity, a.EntityID = "news", id
	a.SHA256, a.Size, a.UploadedBy = hex.EncodeToString(sum[:]), int64(len(data)), actor.Email
	return retryOnUnique(func() error {
		return db.inTx(ctx, func(tx *Tx) error {
			if err := tx.lockVersion("news", "News item", id, version, before.Version); err != nil {
				return err
			}
			if err := tx.storeAttachment(a, data); err != nil {
				return err
			}
			if err := tx.execVersioned("News item", id, version, `UPDATE news SET version = version + 1, image_id = ?, updated_at = ? WHERE id = ? AND version = ?`,
				a.ID, tx.now, id, version); err != nil {
				return err
			}
			if err := tx.audit("create", "attachment", a.ID, nil, a); err != nil {
				return err
			}
			return tx.audit("update", "news", id, map[string]any{"image_id": before.ImageID}, map[string]any{"image_id": a.ID})
		})
	})
}

// PublicNewsImage returns the lead image of an item public now.
func (db *DB) PublicNewsImage(ctx context.Context, attachmentID int64) (*accord.NewsImage, error) {
	img := &accord.NewsImage{}
	a, err := scanAttachment(db.queryRowRead(ctx, `SELECT `+attachmentColumns+`, d.data FROM attachments a JOIN documents d ON d.id = a.document_id
		WHERE a.id = ? AND a.entity = 'news' AND EXISTS (SELECT 1 FROM news n WHERE n.image_id = a.id AND n.status <> 'draft' AND n.publish_at <= ?)`,
		attachmentID, db.Clock().UTC()), &img.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Image", attachmentID)
	} else if err != nil {
		return nil, err
	}
	img.Attachment = *a
	return img, nil
}

// NewsImage returns an image of any news item, for staff who preview drafts.
func (db *DB) NewsImage(ctx context.Context, attachmentID int64) (*accord.NewsImage, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.IsStaff() {
		return db.PublicNewsImage(ctx, attachmentID)
	}
	img := &accord.NewsImage{}
	at, err := scanAttachment(db.queryRowRead(ctx, `SELECT `+attachmentColumns+`, d.data FROM attachments a JOIN documents d ON d.id = a.document_id
		WHERE a.id = ? AND a.entity = 'news'`, attachmentID), &img.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Image", attachmentID)
	} else if err != nil {
		return nil, err
	}
	img.Attachment = *at
	return img, nil
}
