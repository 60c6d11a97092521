package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/extract"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/intake"
)

const seedRelease = `The assistant secretary-general for humanitarian, cultural, and social affairs of the Organization of Islamic Cooperation, Tarig Ali Bakhiet, recently met the director general of the World Health Organization, Dr. Tedros Adhanom Ghebreyesus, in Geneva. The two sides agreed to develop a new memorandum of understanding and a plan of action to reinforce their bilateral cooperation in health.`

type proposalAnswer struct {
	IsEngagement bool                  `json:"is_engagement"`
	Orgs         []string              `json:"organizations"`
	People       []extract.Person      `json:"people"`
	Commitments  []extract.Commitment  `json:"commitments"`
	DateEstimate *extract.DateEstimate `json:"date_estimate"`
	Spans        []extract.Span        `json:"spans"`
	Text         string                `json:"text"`
}

func TestExtractRelease(t *testing.T) {
	e := newEnv(t)
	e.api.extractor = intake.NewReader(e.db, nil)
	var got proposalAnswer
	e.do("POST", "/api/v1/extract", e.adminT, map[string]string{"text": seedRelease, "published": "2022-07-25"}).want(http.StatusOK).json(&got)
	if !got.IsEngagement || len(got.People) != 2 || !slices.Contains(got.Orgs, "World Health Organization") || len(got.Commitments) == 0 {
		t.Fatalf("proposal: %+v", got)
	}
	if got.DateEstimate == nil {
		t.Errorf("\"recently\" against the publication date gives an estimate: %+v", got)
	}
	if got.Text != seedRelease {
		t.Errorf("the text the spans point into is not the one sent")
	}
	for _, s := range got.Spans {
		if s.Item == "person" && got.Text[s.Start:s.End] != got.People[s.Index].Name {
			t.Errorf("span %+v reads %q", s, got.Text[s.Start:s.End])
		}
	}

	// The text itself as text/plain, the date in the query.
	var plain proposalAnswer
	e.do("POST", "/api/v1/extract?published=2022-07-25", e.adminT, seedRelease, "Content-Type", "text/plain; charset=utf-8").want(http.StatusOK).json(&plain)
	if !reflect.DeepEqual(plain, got) {
		t.Errorf("text/plain and JSON differ:\n%+v\n%+v", plain, got)
	}

	// An organization created in Accord is found by the next extraction.
	text := "The Director of the Zanzibar Health Collective, Amina Juma, met the Director-General of the World Health Organization, Dr. Tedros Adhanom Ghebreyesus, in Geneva on 5 May 2023."
	var before, after proposalAnswer
	e.do("POST", "/api/v1/extract", e.adminT, map[string]string{"text": text}).want(http.StatusOK).json(&before)
	e.org("Zanzibar Health Collective", "ZHC")
	e.do("POST", "/api/v1/extract", e.adminT, map[string]string{"text": text}).want(http.StatusOK).json(&after)
	if slices.Contains(before.Orgs, "Zanzibar Health Collective") || !slices.Contains(after.Orgs, "Zanzibar Health Collective") {
		t.Errorf("before %v, after %v", before.Orgs, after.Orgs)
	}
}

func TestExtractRefusals(t *testing.T) {
	e := newEnv(t)
	e.api.extractor = intake.NewReader(e.db, nil)
	french := "Le secrétaire général de l'organisation a rencontré le directeur général de l'OMS à Genève pour discuter de la coopération dans le domaine de la santé et des vaccins pour les pays membres."
	for _, tt := range []struct {
		name        string
		body        any
		contentType string
		status      int
		rule        string
	}{
		{"empty", map[string]string{"text": ""}, "", http.StatusBadRequest, "empty"},
		{"blank plain", " \n ", "text/plain", http.StatusBadRequest, "empty"},
		{"binary", map[string]string{"text": "PK\x03\x04\x00\x00\x00binary"}, "", http.StatusBadRequest, "not_text"},
		{"binary plain", "\x00\x01\x02\x03", "text/plain", http.StatusBadRequest, "not_text"},
		{"other language", map[string]string{"text": french}, "", http.StatusUnprocessableEntity, "language_not_supported"},
		{"too large", map[string]string{"text": strings.Repeat("word ", extract.MaxInput/5+1)}, "", http.StatusRequestEntityTooLarge, "too_large"},
		{"too large plain", strings.Repeat("word ", extract.MaxInput/5+1), "text/plain", http.StatusRequestEntityTooLarge, "too_large"},
		{"bad date", map[string]string{"text": seedRelease, "published": "25/07/2022"}, "", http.StatusBadRequest, "invalid"},
		{"unknown field", map[string]string{"body": seedRelease}, "", http.StatusBadRequest, "invalid"},
		{"form", "text=x", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType, "unsupported_media_type"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var headers []string
			if tt.contentType != "" {
				headers = []string{"Content-Type", tt.contentType}
			}
			p := e.do("POST", "/api/v1/extract", e.adminT, tt.body, headers...).want(tt.status).problem()
			if p.Type != problemBase+tt.rule || p.Detail == "" {
				t.Errorf("problem %+v, want type …/%s with a detail", p, tt.rule)
			}
		})
	}
	p := e.do("POST", "/api/v1/extract", e.adminT, map[string]string{"text": french}).problem()
	if !strings.Contains(strings.ToLower(p.Detail), "language not supported yet") {
		t.Errorf("other language: %q", p.Detail)
	}
	if p := e.do("POST", "/api/v1/extract", e.adminT, map[string]string{"text": seedRelease, "published": "x"}).problem(); !p.names("published") {
		t.Errorf("bad date names no field: %+v", p)
	}
	big := e.do("POST", "/api/v1/extract", e.adminT, strings.Repeat("a", extract.MaxInput+1), "Content-Type", "text/plain").problem()
	if !strings.Contains(big.Detail, "1048576") {
		t.Errorf("413 does not say the limit: %q", big.Detail)
	}
}

func TestExtractIsForWriters(t *testing.T) {
	e := newEnv(t)
	who := e.org("World Health Organization", "WHO")
	_, viewer := e.user("viewer@example.org", accord.RoleViewer, nil)
	_, partner := e.user("partner@who.int", accord.RolePartner, &who.ID)
	_, officer := e.user("officer@example.org", accord.RoleOfficer, nil)
	for _, tok := range []string{viewer, partner} {
		e.do("POST", "/api/v1/extract", tok, map[string]string{"text": seedRelease}).want(http.StatusForbidden).problem()
	}
	e.do("POST", "/api/v1/extract", "", map[string]string{"text": seedRelease}).want(http.StatusUnauthorized)
	e.do("POST", "/api/v1/extract", officer, map[string]string{"text": seedRelease}).want(http.StatusOK)
}

// TestExtractSchemas checks that the documented request and proposal
// fields are those the API reads and writes.
func TestExtractSchemas(t *testing.T) {
	doc, _ := readOpenAPI(t)
	proposalFields := append(jsonNames(reflect.TypeOf(extract.Result{})), "text")
	sort.Strings(proposalFields)
	for name, want := range map[string][]string{
		"ExtractRequest":       jsonNames(reflect.TypeOf(extractBody{})),
		"Proposal":             proposalFields,
		"ProposalLocation":     jsonNames(reflect.TypeOf(extract.Location{})),
		"ProposalPerson":       jsonNames(reflect.TypeOf(extract.Person{})),
		"ProposalCommitment":   jsonNames(reflect.TypeOf(extract.Commitment{})),
		"ProposalDateEstimate": jsonNames(reflect.TypeOf(extract.DateEstimate{})),
		"ProposalSpan":         jsonNames(reflect.TypeOf(extract.Span{})),
	} {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s is missing", name)
			continue
		}
		var documented []string
		for p := range schema.Properties {
			documented = append(documented, p)
		}
		sort.Strings(documented)
		if !slices.Equal(documented, want) {
			t.Errorf("schema %s has %v, the JSON has %v", name, documented, want)
		}
	}
}

// TestExtractClientGone sends a release and leaves before the answer: the
// extraction stops, the answer is 499 and nothing is logged as a fault.
func TestExtractClientGone(t *testing.T) {
	e := newEnv(t)
	e.api.extractor = intake.NewReader(e.db, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", "/api/v1/extract", strings.NewReader(seedRelease))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer "+e.adminT)
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	if rec.Code != httperr.StatusClientClosedRequest {
		t.Errorf("status %d, want 499; body %s", rec.Code, rec.Body)
	}
	if strings.Contains(e.logs.String(), "request failed") {
		t.Errorf("a client that left was logged as a server fault: %s", e.logs.String())
	}
}
