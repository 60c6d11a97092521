package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/store/storetest"
)

// openAPIDoc is the part of the document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Servers    []struct{ URL string }                `json:"servers"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		SecuritySchemes map[string]struct{ Type, Scheme string } `json:"securitySchemes"`
		Schemas         map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}

func readOpenAPI(t *testing.T) (openAPIDoc, map[string]any) {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(openAPIDocument, &raw); err != nil {
		t.Fatal(err)
	}
	return doc, raw
}

// operations lists the documented "METHOD path" pairs.
func (d openAPIDoc) operations() []string {
	var out []string
	for path, item := range d.Paths {
		for key := range item {
			if slices.Contains(httpMethods, key) {
				out = append(out, strings.ToUpper(key)+" "+path)
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestOpenAPIDocument(t *testing.T) {
	doc, raw := readOpenAPI(t)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/" {
		t.Errorf("servers %+v", doc.Servers)
	}
	if s := doc.Components.SecuritySchemes["bearerAuth"]; s.Type != "http" || s.Scheme != "bearer" {
		t.Errorf("bearer scheme %+v", s)
	}

	// The route table and the document list the same operations. Go's
	// {name} wildcards are written as OpenAPI's path templates already.
	var routes []string
	for _, rt := range New(Deps{}).routes() {
		routes = append(routes, rt.method+" "+rt.path)
	}
	sort.Strings(routes)
	documented := doc.operations()
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("openapi.json documents %s, which is not a route", d)
		}
	}

	// Every reference resolves.
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				var at any = raw
				for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
					m, _ := at.(map[string]any)
					at = m[part]
				}
				if at == nil {
					t.Errorf("$ref %s does not resolve", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(raw)

	// Every operation but the document itself needs a token and says so with a 401.
	for path, item := range doc.Paths {
		for method, opRaw := range item {
			if !slices.Contains(httpMethods, method) {
				continue
			}
			var op struct {
				Security  *[]any                     `json:"security"`
				Responses map[string]json.RawMessage `json:"responses"`
			}
			if err := json.Unmarshal(opRaw, &op); err != nil {
				t.Fatal(err)
			}
			public := op.Security != nil && len(*op.Security) == 0
			if public != (path == "/api/v1/openapi.json") {
				t.Errorf("%s %s: public = %v", method, path, public)
			}
			if _, ok := op.Responses["401"]; !public && !ok {
				t.Errorf("%s %s does not document 401", method, path)
			}
		}
	}
}

// TestOpenAPISchemasMatchJSON checks that the documented fields are exactly
// those the API writes: the JSON names of package accord's types.
func TestOpenAPISchemasMatchJSON(t *testing.T) {
	doc, _ := readOpenAPI(t)
	for name, v := range map[string]any{
		"Organization": accord.Organization{}, "Person": accord.Person{}, "Position": accord.Position{},
		"Country": accord.Country{}, "CountryGroup": accord.CountryGroup{}, "Code": accord.Code{},
		"User": accord.User{}, "Token": accord.Token{}, "AuditEntry": accord.AuditEntry{},
		"FieldError": accord.FieldError{}, "Problem": problem{}, "UserCreate": userBody{},
		"Engagement": accord.Engagement{}, "EngagementOrg": accord.EngagementOrg{}, "Participant": accord.Participant{},
		"Source": accord.Source{}, "ActionPoint": accord.ActionPoint{}, "ActionPointTransition": transitionBody{},
		"Agreement": accord.Agreement{}, "AgreementParty": accord.AgreementParty{}, "Amendment": accord.Amendment{},
		"AgreementTransition": agreementTransitionBody{}, "AmendmentRequest": amendmentBody{},
		"Plan": accord.Plan{}, "PlanAgreement": accord.PlanAgreement{}, "Objective": accord.Objective{},
		"Activity": accord.Activity{}, "ActivitySector": accord.ActivitySector{},
		"Indicator": accord.Indicator{}, "IndicatorValue": accord.IndicatorValue{},
		"IndicatorValueRecord": valueBody{}, "IndicatorValueTransition": valueTransitionBody{}, "Attachment": accord.Attachment{},
		"Appeal": accord.Appeal{}, "Revision": accord.Revision{}, "AppealRevision": revisionBody{},
		"Flow": accord.Flow{}, "FlowAdvance": advanceBody{}, "ExchangeRate": accord.ExchangeRate{},
		"ExchangeRateImport": ratesBody{}, "ExchangeRatesSaved": ratesSaved{}, "FundingRow": accord.FundingRow{}, "FundingTable": fundingTable{},
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
		if want := jsonNames(reflect.TypeOf(v)); !slices.Equal(documented, want) {
			t.Errorf("schema %s has properties %v, the JSON has %v", name, documented, want)
		}
	}
	for _, name := range []string{"Organization", "Person", "Engagement", "ActionPoint", "Agreement", "Plan", "Activity", "Country", "CountryGroup", "Code", "User", "Token", "AuditEntry",
		"Indicator", "IndicatorValue", "Attachment", "Appeal", "Flow"} {
		if _, ok := doc.Components.Schemas[name+"List"]; !ok {
			t.Errorf("list envelope %sList is missing", name)
		}
	}
}

func jsonNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// TestDocumentedRoutesAnswer calls every documented operation with an
// administrator's token: none may be missing (404 for the path) or refuse the method (405).
func TestDocumentedRoutesAnswer(t *testing.T) {
	e := newEnv(t)
	org := e.org("World Health Organization", "WHO")
	person := &accord.Person{Name: "Tedros Adhanom Ghebreyesus", Positions: []accord.Position{{Title: "Director-General", OrgID: org.ID}}}
	if err := e.db.CreatePerson(storetest.Admin(), person); err != nil {
		t.Fatal(err)
	}
	group := &accord.CountryGroup{Code: "G5", NameEN: "G5 Sahel", Members: []string{"BF", "ML", "MR", "NE", "TD"}}
	if err := e.db.CreateCountryGroup(storetest.Admin(), group); err != nil {
		t.Fatal(err)
	}
	_, hash := auth.NewSecret(auth.TokenPrefix)
	spare := &accord.Token{UserID: e.admin.ID, Name: "spare"}
	if err := e.db.CreateToken(storetest.As(e.admin), spare, hash); err != nil {
		t.Fatal(err)
	}
	meeting := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting", Date: "2022-07-22", Organizations: []accord.EngagementOrg{{OrgID: org.ID}}}
	if err := e.db.CreateEngagement(storetest.Admin(), meeting); err != nil {
		t.Fatal(err)
	}
	point := &accord.ActionPoint{EngagementID: meeting.ID, Text: "Develop a new memorandum of understanding"}
	if err := e.db.CreateActionPoint(storetest.Admin(), point); err != nil {
		t.Fatal(err)
	}
	other := e.org("Organisation of Islamic Cooperation", "OIC")
	mou := &accord.Agreement{Kind: "mou", Title: "Memorandum of understanding between the OIC and WHO",
		Parties: []accord.AgreementParty{{OrgID: other.ID}, {OrgID: org.ID}}}
	if err := e.db.CreateAgreement(storetest.Admin(), mou); err != nil {
		t.Fatal(err)
	}
	plan := &accord.Plan{Title: "Plan of action for health cooperation", Agreements: []accord.PlanAgreement{{AgreementID: mou.ID}}}
	if err := e.db.CreatePlan(storetest.Admin(), plan); err != nil {
		t.Fatal(err)
	}
	activity := &accord.Activity{PlanID: plan.ID, Title: "Vaccine access for the Sahel", Kind: "vaccine_access", LeadOrgID: org.ID, Groups: []string{"G5"}}
	if err := e.db.CreateActivity(storetest.Admin(), activity); err != nil {
		t.Fatal(err)
	}
	indicator := &accord.Indicator{ActivityID: activity.ID, Name: "Doses administered", Unit: "doses", Target: 500000}
	if err := e.db.CreateIndicator(storetest.Admin(), indicator); err != nil {
		t.Fatal(err)
	}
	value := &accord.IndicatorValue{IndicatorID: indicator.ID, Period: "2023-Q1", Value: 120000}
	if err := e.db.RecordValue(storetest.Admin(), value); err != nil {
		t.Fatal(err)
	}
	document := &accord.Attachment{Entity: "engagement", EntityID: meeting.ID, Filename: "release.pdf", ContentType: "application/pdf"}
	if err := e.db.Attach(storetest.Admin(), document, []byte("%PDF-1.4 the release")); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetRates(storetest.Admin(), []accord.ExchangeRate{{Currency: "EUR", Date: "2022-01-01", Rate: "0.88", Source: "ECB"}}); err != nil {
		t.Fatal(err)
	}
	appeal := &accord.Appeal{Title: "Vaccines for the Sahel", Group: "SAHEL", Amount: "2000000", Currency: "EUR", Start: "2022-03-01"}
	if err := e.db.CreateAppeal(storetest.Admin(), appeal); err != nil {
		t.Fatal(err)
	}
	flow := &accord.Flow{SourceOrgID: other.ID, DestOrgID: &org.ID, Group: "SAHEL", Amount: "500000", Currency: "USD", ValueDate: "2022-05-01", AppealID: &appeal.ID}
	if err := e.db.CreateFlow(storetest.Admin(), flow); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{"organizations": org.ID, "people": person.ID, "engagements": meeting.ID, "action-points": point.ID, "agreements": mou.ID,
		"plans": plan.ID, "activities": activity.ID, "country-groups": group.ID, "users": e.admin.ID, "tokens": spare.ID,
		"indicators": indicator.ID, "indicator-values": value.ID, "documents": document.ID,
		"appeals": appeal.ID, "flows": flow.ID}

	served := e.do("GET", "/api/v1/openapi.json", "", nil).want(200)
	if !slices.Equal(served.body, openAPIDocument) || served.header.Get("Content-Type") != "application/json" {
		t.Errorf("GET /api/v1/openapi.json does not serve the document as JSON")
	}

	doc, _ := readOpenAPI(t)
	for _, operation := range doc.operations() {
		method, path, _ := strings.Cut(operation, " ")
		collection := strings.Split(path, "/")[3]
		url := strings.NewReplacer("{id}", fmt.Sprint(ids[collection]), "{code}", "CH", "{list}", "org-types", "{currency}", "EUR").Replace(path)
		if strings.Contains(url, "{") {
			t.Errorf("%s: no value for a parameter of %s", operation, path)
			continue
		}
		r := e.do(method, url, e.adminT, nil)
		if r.status == 404 || r.status == 405 {
			t.Errorf("%s %s answered %d: %s", method, url, r.status, r.body)
		}
	}
}
