package store

import (
	"fmt"
	"slices"

	"github.com/accordhq/accord/internal/accord"
)

// ContactMessages writes messages sent through the contact form, as the
// inbox left them (any status, assignee and acknowledgement), and sets
// their IDs. No acknowledgement is queued: the messages are past.
func (b *BulkWriter) ContactMessages(ms []*accord.ContactMessage) error {
	first, err := b.ids("contact_messages", len(ms))
	if err != nil {
		return err
	}
	args := make([]any, 0, len(ms)*14)
	for i, m := range ms {
		m.ID, m.Version = first+int64(i), 1
		if err := m.Validate(); err != nil {
			return fmt.Errorf("contact message %d: %w", m.ID, err)
		}
		if !slices.Contains(accord.ContactStatuses, m.Status) {
			return fmt.Errorf("contact message %d: status %q is not one of %v", m.ID, m.Status, accord.ContactStatuses)
		}
		m.CreatedAt, m.UpdatedAt = b.stamps(m.CreatedAt, m.UpdatedAt)
		args = contactRow(append(args, m.ID), m)
	}
	return b.insertWithIDs(contactTable, args)
}
