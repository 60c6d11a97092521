package api

import (
	"slices"
	"strconv"
	"testing"
)

// DELETE /api/v1/organizations/+1 archived organization 1. Only the
// canonical writing of an id names a record: others are a 400 naming the
// path's id or the query parameter, and change nothing.
func TestNonCanonicalIDsAreRefused(t *testing.T) {
	e := newEnv(t)
	org := e.org("World Health Organization", "WHO")
	id := strconv.FormatInt(org.ID, 10)
	for _, bad := range []string{"+" + id, "0" + id, "%20" + id, id + "%20", "-" + id, "9223372036854775808"} {
		p := e.do("DELETE", "/api/v1/organizations/"+bad, e.adminT, nil, "If-Match", `"1"`).want(400).problem()
		if !slices.Equal(p.fields(), []string{"id"}) {
			t.Errorf("DELETE /api/v1/organizations/%s: fields %v, want id", bad, p.fields())
		}
		p = e.do("GET", "/api/v1/people?org_id="+bad, e.adminT, nil).want(400).problem()
		if !slices.Equal(p.fields(), []string{"org_id"}) {
			t.Errorf("GET /api/v1/people?org_id=%s: fields %v, want org_id", bad, p.fields())
		}
	}
	var got struct {
		Archived bool `json:"archived"`
	}
	e.do("GET", "/api/v1/organizations/"+id, e.adminT, nil).want(200).json(&got)
	if got.Archived {
		t.Errorf("a non-canonical id archived organization %s", id)
	}
}
