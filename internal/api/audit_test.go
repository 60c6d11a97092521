package api

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

func TestAudit(t *testing.T) {
	e := newEnv(t)
	editor, editorT := e.user("editor@example.org", accord.RoleEditor, nil)
	var o accord.Organization
	e.do("POST", "/api/v1/organizations", editorT, storeOrg("International Organization for Migration", "IOM")).want(201).json(&o)
	o.Website = "https://www.iom.int"
	e.do("PUT", fmt.Sprintf("/api/v1/organizations/%d", o.ID), editorT, o).want(200)
	e.do("POST", "/api/v1/people", editorT, map[string]any{"name": "António Vitorino"}).want(201)

	// Only administrators read the log.
	e.do("GET", "/api/v1/audit", editorT, nil).want(403).problem()

	items, total := listOf[accord.AuditEntry](e.do("GET", fmt.Sprintf("/api/v1/audit?entity=organization&entity_id=%d", o.ID), e.adminT, nil).want(200))
	if total != 2 || len(items) != 2 {
		t.Fatalf("organization entries: %d", total)
	}
	upd, create := items[0], items[1] // newest first
	if upd.Action != "update" || upd.Actor != "editor@example.org" || upd.ActorID != editor.ID || upd.EntityID != o.ID {
		t.Errorf("update entry %+v", upd)
	}
	var before, after map[string]any
	if err := json.Unmarshal(upd.Before, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(upd.After, &after); err != nil {
		t.Fatal(err)
	}
	if before["website"] != "" || after["website"] != "https://www.iom.int" || len(after) != 1 {
		t.Errorf("update diff: before %v, after %v", before, after)
	}
	if create.Action != "create" || string(create.Before) != "null" || len(create.After) == 0 {
		t.Errorf("create entry %+v", create)
	}

	// Dates around the entries' own day, so that the test holds across midnight.
	day := create.At.UTC()
	today, yesterday, tomorrow := day.Format(time.DateOnly), day.AddDate(0, 0, -1).Format(time.DateOnly), day.AddDate(0, 0, 1).Format(time.DateOnly)
	for _, c := range []struct {
		query string
		want  int
	}{
		{"?entity=organization", 2},
		{"?entity=organization&action=update", 1},
		{"?entity=person", 1},
		{fmt.Sprintf("?actor_id=%d", editor.ID), 4}, // with the creation of the editor's token
		{fmt.Sprintf("?actor_id=%d&action=create", editor.ID), 3},
		{fmt.Sprintf("?actor_id=%d&action=create&entity=token", editor.ID), 1},
		{"?entity=organization&since=" + today, 2},
		{"?entity=organization&until=" + today, 2}, // a date in until includes the day
		{"?entity=organization&until=" + yesterday, 0},
		{"?entity=organization&since=" + tomorrow, 0},
		{"?entity=organization&since=" + day.Add(-time.Hour).Format(time.RFC3339), 2},
		{"?entity=organization&until=" + day.Add(-time.Hour).Format(time.RFC3339), 0},
		{"?entity=organization&since=" + upd.At.Format(time.RFC3339Nano), 1},
		{"?entity=organization&per_page=1&page=2", 2},
	} {
		if _, total := listOf[accord.AuditEntry](e.do("GET", "/api/v1/audit"+c.query, e.adminT, nil).want(200)); total != c.want {
			t.Errorf("%s: total %d, want %d", c.query, total, c.want)
		}
	}
	for _, bad := range []string{"?since=last+week", "?until=2024-02-30", "?entity_id=x", "?since=2024-05-02&until=2024-05-01", "?who=me"} {
		e.do("GET", "/api/v1/audit"+bad, e.adminT, nil).want(400).problem()
	}
}

// storeOrg is a valid organization body.
func storeOrg(name, acronym string) map[string]any {
	return map[string]any{"name_en": name, "acronym": acronym, "type": "40", "hq_country": "CH"}
}
