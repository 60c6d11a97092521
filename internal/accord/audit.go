package accord

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records one change: who, when, which record, before and after.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	ActorID  int64           `json:"actor_id"`
	Actor    string          `json:"actor"`  // email at the time, or "system"
	Action   string          `json:"action"` // create, update, delete, archive, restore
	Entity   string          `json:"entity"` // organization, person, user, ...
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	Entity   string
	EntityID int64
	ActorID  int64
	Action   string
	Since    time.Time
	Until    time.Time
	Page     int
	PerPage  int
}

// AuditService reads the audit log. Stores write it inside each change's transaction.
type AuditService interface {
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}
