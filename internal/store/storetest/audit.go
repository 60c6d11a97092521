package storetest

import (
	"encoding/json"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store"
)

func testAudit(t *testing.T, db *store.DB) {
	editor := &accord.User{Email: "editor@example.org", Name: "Editor", Role: accord.RoleEditor}
	if err := db.CreateUser(Admin(), editor, "x"); err != nil {
		t.Fatal(err)
	}
	ctx := As(editor)
	o := NewOrg("International Organization for Migration", "IOM")
	if err := db.CreateOrganization(ctx, o); err != nil {
		t.Fatal(err)
	}
	o.Website = "https://www.iom.int"
	if err := db.UpdateOrganization(ctx, o); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ArchiveOrganization(ctx, o.ID, o.Version, true); err != nil {
		t.Fatal(err)
	}
	entries, total, err := db.ListAudit(Admin(), accord.AuditFilter{Entity: "organization", EntityID: o.ID})
	if err != nil || total != 3 {
		t.Fatalf("audit: total %d, %v", total, err)
	}
	upd := entries[1] // newest first: archive, update, create
	if upd.Action != "update" || upd.Actor != "editor@example.org" || upd.ActorID != editor.ID {
		t.Errorf("update entry: %+v", upd)
	}
	var before, after map[string]any
	_ = json.Unmarshal(upd.Before, &before)
	_ = json.Unmarshal(upd.After, &after)
	if before["website"] != "" || after["website"] != "https://www.iom.int" || len(after) != 1 {
		t.Errorf("update diff: before %v after %v", before, after)
	}
	if entries[0].Action != "archive" || entries[2].Action != "create" || entries[2].Before != nil {
		t.Errorf("entries: %s, %s", entries[0].Action, entries[2].Action)
	}
	// A refused change leaves no trace.
	o.Version = 1
	_ = db.UpdateOrganization(ctx, o)
	if _, total, _ := db.ListAudit(Admin(), accord.AuditFilter{Entity: "organization", EntityID: o.ID}); total != 3 {
		t.Errorf("refused update was audited: total %d", total)
	}
	if _, total, _ := db.ListAudit(Admin(), accord.AuditFilter{ActorID: editor.ID, Action: "create"}); total != 1 {
		t.Errorf("filter by actor and action: %d", total)
	}
}
