package api

import (
	"slices"
	"testing"
)

// NUL characters were stored. A JSON string holding NUL or another control
// character (but tab and line breaks) is now refused, naming its field,
// however deep it is in the body.
func TestControlCharactersInBodiesAreRefused(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		path, body string
		field      string
	}{
		{"/api/v1/organizations", `{"name_en":"World Health Organization","acronym":"WHO\u0000","type":"40"}`, "acronym"},
		{"/api/v1/organizations", `{"name_en":"World Health\u001bOrganization","type":"40"}`, "name_en"},
		{"/api/v1/tokens", `{"name":"deploy\u0000script"}`, "name"},
		{"/api/v1/tokens", "{\"name\":\"deploy\x7fscript\"}", "name"}, // DEL needs no escape in JSON (found by FuzzDecodeRecord)
		{"/api/v1/users", `{"email":"nul@example.org","name":"Nul\u0000","role":"viewer","password":"a long enough password"}`, "name"},
		{"/api/v1/engagements", `{"kind":"meeting","title":"Visit","date":"2024-05-01","participants":[{"person_id":1,"title":"Chief\u0008"}]}`, "participants[0].title"},
	} {
		p := e.do("POST", c.path, e.adminT, c.body).want(400).problem()
		if !slices.Equal(p.fields(), []string{c.field}) {
			t.Errorf("POST %s %s: fields %v, want %s", c.path, c.body, p.fields(), c.field)
		}
	}
	// Tabs and line breaks are text.
	e.do("POST", "/api/v1/organizations", e.adminT, `{"name_en":"World Health Organization","acronym":"WHO","type":"40","website":""}`).want(201)
	e.do("POST", "/api/v1/tokens", e.adminT, `{"name":"deploy\tscript\r\nline two"}`).want(201)
}
