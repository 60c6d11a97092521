package web

import (
	"archive/zip"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/store/storetest"
)

const intakeRelease = `KSrelief and OIC sign agreement for Afghanistan

RIYADH: The Supervisor General of the King Salman Humanitarian Aid and Relief Centre (KSrelief), Dr. Abdullah Al Rabeeah, met the assistant secretary-general of the Organization of Islamic Cooperation, Tarig Ali Bakhiet, in Riyadh on 12 March 2023.
KSrelief signed an agreement with the OIC to provide SR 10 million for health care in Afghanistan.
The two sides agreed to develop a plan of action to reinforce their cooperation in health.`

// formOf collects what a browser would send for the form: inputs, checked
// boxes, selected options and text areas.
func formOf(sel *goquery.Selection) url.Values {
	v := url.Values{}
	sel.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			opt := s.Find("option[selected]").First()
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			val, _ := opt.Attr("value")
			v.Add(name, val)
		default:
			typ, _ := s.Attr("type")
			if (typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "-") == "-" {
				return
			}
			if typ == "file" {
				return
			}
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

// upload posts a file with the paste form as multipart, with the CSRF token of /app/intake.
func (b *browser) uploadRelease(filename string, data []byte, fields url.Values) page {
	b.e.t.Helper()
	token, _ := b.get("/app/intake").Doc.Find(`input[name="csrf"]`).First().Attr("value")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", token)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+"/app/intake/read", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestIntakeReviewFlow(t *testing.T) {
	e := newEnv(t)
	ctx := storetest.Admin()
	oic := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "Organization of Islamic Cooperation", Acronym: "OIC", Type: "40"})
	bakhiet := &accord.Person{Name: "Tarig Ali Bakhiet", Positions: []accord.Position{{Title: "Special Envoy to Afghanistan", OrgID: oic.ID}}}
	if err := e.db.CreatePerson(ctx, bakhiet); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetRates(ctx, []accord.ExchangeRate{{Currency: "SAR", Date: "2023-01-01", Rate: "3.75", Source: "test"}}); err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	if got := b.get("/app/").Doc.Find(`nav a[href="/app/intake"]`).Length(); got != 1 {
		t.Errorf("officers see the intake in the menu: %d links", got)
	}
	review := b.post("/app/intake/read", url.Values{"text": {intakeRelease}, "published": {"2023-03-13"}}, "/app/intake")
	if review.StatusCode != http.StatusOK {
		t.Fatalf("read: %d %s", review.StatusCode, review.Body)
	}
	// The proposal beside the text, each item marked where it was read.
	if n := review.Doc.Find(".release mark.hl-organization").Length(); n < 4 {
		t.Errorf("%d organization marks", n)
	}
	if got := review.text("#mark-person-0"); got != "Abdullah Al Rabeeah" {
		t.Errorf("first person mark: %q", got)
	}
	if got := review.Doc.Find(".release mark.hl-commitment").Length(); got != 2 {
		t.Errorf("%d commitment marks", got)
	}
	// Accord's own records are linked; the others are proposed as new.
	if v, _ := review.Doc.Find(`select[name="orgs[1].link"] option[selected]`).Attr("value"); v != intakeID(oic.ID) {
		t.Errorf("the OIC is not linked to its record: %q", v)
	}
	if v, _ := review.Doc.Find(`select[name="orgs[0].link"] option[selected]`).Attr("value"); v != "new" {
		t.Errorf("KSrelief should be new: %q", v)
	}
	if v, _ := review.Doc.Find(`select[name="people[1].link"] option[selected]`).Attr("value"); v != intakeID(bakhiet.ID) {
		t.Errorf("Bakhiet is not linked to his record: %q", v)
	}
	if got := review.Doc.Find(`input[name="pledges[0].currency"]`).AttrOr("value", ""); got != "SAR" {
		t.Errorf("pledge currency: %q", got)
	}

	// The officer gives KSrelief its acronym and type, and confirms.
	form := formOf(review.Doc.Find("form.intake-form"))
	form.Set("orgs[0].acronym", "KSrelief")
	form.Set("orgs[0].type", "10")
	form.Set("orgs[0].hq_country", "SA")
	res := b.post("/app/intake/confirm", form, "")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", res.StatusCode, errorsOf(res))
	}
	loc := res.Header.Get("Location")
	if !strings.HasPrefix(loc, "/app/engagements/") {
		t.Fatalf("redirected to %q", loc)
	}
	eng := b.get(loc)
	body := eng.Doc.Find("main").Text()
	for _, want := range []string{"Abdullah Al Rabeeah", "Tarig Ali Bakhiet", "Riyadh", "agreed to develop a plan of action", "SR 10 million", "press-release.txt"} {
		if !strings.Contains(body, want) {
			t.Errorf("the engagement page lacks %q", want)
		}
	}
	if n := eng.Doc.Find("#action-points ~ ul.points li").Length(); n != 2 {
		t.Errorf("%d action points on the engagement page, want 2", n)
	}
	flows, n, err := e.db.ListFlows(ctx, accord.FlowFilter{})
	if err != nil || n != 1 || flows[0].Status != accord.FlowPledge || flows[0].Currency != "SAR" || flows[0].AmountUSD != "2666666.67" {
		t.Errorf("pledge flow: %d %+v %v", n, flows, err)
	}
	p, _ := e.db.GetPerson(ctx, bakhiet.ID)
	if len(p.Positions) != 2 {
		t.Errorf("the new title became a position: %+v", p.Positions)
	}
	orgs, _, _ := e.db.ListOrganizations(ctx, accord.OrganizationFilter{Q: "KSrelief"})
	if len(orgs) != 1 || orgs[0].Type != "10" {
		t.Errorf("KSrelief created as edited: %+v", orgs)
	}

	// Read again: what was confirmed is now linked.
	again := b.post("/app/intake/read", url.Values{"text": {intakeRelease}}, "/app/intake")
	if v, _ := again.Doc.Find(`select[name="orgs[0].link"] option[selected]`).Attr("value"); v != intakeID(orgs[0].ID) {
		t.Errorf("the organization confirmed before is not linked the next time: %q", v)
	}
}

func intakeID(id int64) string { return strconv.FormatInt(id, 10) }

// errorsOf lists the problems a page shows, for failure messages.
func errorsOf(p page) string {
	var out []string
	p.Doc.Find(".problems, .error").Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return strings.Join(out, " | ")
}

// TestIntakeFailureKeepsEdits: a pledge in a currency without a rate stops
// the save; nothing is saved and the review comes back as edited, with
// the problem on the pledge.
func TestIntakeFailureKeepsEdits(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("editor@example.org", accord.RoleEditor, nil)
	review := b.post("/app/intake/read", url.Values{"text": {intakeRelease}}, "/app/intake")
	form := formOf(review.Doc.Find("form.intake-form"))
	form.Set("title", "Edited title")
	form.Set("pledges[0].currency", "XOF")
	res := b.post("/app/intake/confirm", form, "")
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("confirm with a currency without rate: %d", res.StatusCode)
	}
	if got := res.Doc.Find(`input[name="title"]`).AttrOr("value", ""); got != "Edited title" {
		t.Errorf("the edited title was lost: %q", got)
	}
	if got := res.Doc.Find(`#pledge-0 .error`).Text(); !strings.Contains(got, "XOF") {
		t.Errorf("the problem is not on the pledge: %q (all: %s)", got, errorsOf(res))
	}
	if n := res.Doc.Find(".release mark").Length(); n == 0 {
		t.Errorf("the text lost its highlights")
	}
	if _, n, _ := e.db.ListEngagements(storetest.Admin(), accord.EngagementFilter{}); n != 0 {
		t.Errorf("%d engagements saved by a failed confirm", n)
	}
	if _, n, _ := e.db.ListOrganizations(storetest.Admin(), accord.OrganizationFilter{}); n != 0 {
		t.Errorf("%d organizations saved by a failed confirm", n)
	}

	// Rejecting the pledge and the organization it came from: what refers
	// to a rejected organization is named.
	form.Del("orgs[0].keep")
	form.Set("pledges[0].currency", "SAR")
	res = b.post("/app/intake/confirm", form, "")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.Doc.Find("#pledge-0 .error").Text(), "rejected") {
		t.Errorf("a pledge from a rejected organization: %d %s", res.StatusCode, errorsOf(res))
	}
	form.Del("pledges[0].keep")
	form.Del("people[0].keep")
	form.Set("actions[0].parties", "1")
	form.Set("actions[1].parties", "1")
	res = b.post("/app/intake/confirm", form, "")
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("without the rejected items: %d %s", res.StatusCode, errorsOf(res))
	}
}

// nestedDocx is a Word document of paragraphs nested depth deep.
func nestedDocx(t *testing.T, depth int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+
		strings.Repeat("<w:p><w:r>", depth)+"<w:t>x</w:t>"+strings.Repeat("</w:r></w:p>", depth)+"</w:body></w:document>")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIntakeBadInput(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	french := "Le secrétaire général de l'organisation a rencontré le directeur général de l'OMS à Genève pour discuter de la coopération dans le domaine de la santé et des vaccins pour les pays membres."
	for _, tt := range []struct {
		name   string
		send   func() page
		status int
		says   string
	}{
		{"empty", func() page { return b.post("/app/intake/read", url.Values{"text": {"  "}}, "/app/intake") }, http.StatusBadRequest, "no text"},
		{"other language", func() page { return b.post("/app/intake/read", url.Values{"text": {french}}, "/app/intake") }, http.StatusUnprocessableEntity, "Language not supported yet"},
		{"binary file", func() page { return b.uploadRelease("release.txt", []byte("\x00\x01\x02PK\x03\x04 binary"), nil) }, http.StatusBadRequest, "not text"},
		{"damaged docx", func() page { return b.uploadRelease("release.docx", []byte("not a zip"), nil) }, http.StatusBadRequest, "not text"},
		{"pdf", func() page { return b.uploadRelease("release.pdf", []byte("%PDF-1.4"), nil) }, http.StatusUnsupportedMediaType, ".docx"},
		{"enormous file", func() page { return b.uploadRelease("big.txt", bytes.Repeat([]byte("word "), 300000), nil) }, http.StatusRequestEntityTooLarge, "1 MB"},
		{"deeply nested docx", func() page { return b.uploadRelease("nested.docx", nestedDocx(t, 10000), nil) }, http.StatusUnprocessableEntity, "nested more than 256 levels deep"},
		{"bad date", func() page {
			return b.post("/app/intake/read", url.Values{"text": {intakeRelease}, "published": {"13/03/2023"}}, "/app/intake")
		}, http.StatusBadRequest, "YYYY-MM-DD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.send()
			if p.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", p.StatusCode, tt.status)
			}
			if got := p.Doc.Find("form .error").Text(); !strings.Contains(got, tt.says) {
				t.Errorf("says %q, want %q", got, tt.says)
			}
		})
	}
	// A form over the size limit is refused before any handler reads it.
	if p := b.post("/app/intake/read", url.Values{"text": {strings.Repeat("a", 2<<20)}}, "/app/intake"); p.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("enormous pasted text: %d", p.StatusCode)
	}
}

// TestIntakeRendersMarkupInert: a release's markup is text on the review
// page, in plain text and in HTML (whose scripts are dropped).
func TestIntakeRendersMarkupInert(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("officer@example.org", accord.RoleOfficer, nil)
	plain := intakeRelease + "\nA caption <img src=x onerror=alert(1)> and <a href=javascript:alert(2)>link</a> end."
	p := b.post("/app/intake/read", url.Values{"text": {plain}}, "/app/intake")
	if p.StatusCode != http.StatusOK {
		t.Fatalf("status %d", p.StatusCode)
	}
	if p.Doc.Find("main img, main script, .release a").Length() != 0 || strings.Contains(p.Body, "<img src=x") {
		t.Errorf("markup of the release became markup of the page")
	}
	if !strings.Contains(p.Doc.Find(".release").Text(), "<img src=x onerror=alert(1)>") {
		t.Errorf("the markup is not shown as text")
	}
	html := "<html><body><p>" + strings.ReplaceAll(intakeRelease, "\n", "</p><p>") + "</p><script>document.write('KSrelief pledged')</script><style>p{}</style></body></html>"
	p = b.uploadRelease("release.html", []byte(html), nil)
	if p.StatusCode != http.StatusOK {
		t.Fatalf("html upload: %d %s", p.StatusCode, errorsOf(p))
	}
	if strings.Contains(p.Doc.Find(".release").Text(), "document.write") || p.Doc.Find("main script").Length() != 0 {
		t.Errorf("the script of an HTML release was kept")
	}
	if got := p.Doc.Find(`input[name="filename"]`).AttrOr("value", ""); got != "release.html" {
		t.Errorf("filename %q", got)
	}
}

func TestIntakeIsForWriters(t *testing.T) {
	e := newEnv(t)
	who := storetest.MustCreateOrg(t, e.db, &accord.Organization{NameEN: "World Health Organization", Acronym: "WHO", Type: "40"})
	for _, b := range []*browser{
		e.signedIn("viewer@example.org", accord.RoleViewer, nil),
		e.signedIn("partner@who.int", accord.RolePartner, &who.ID),
	} {
		if p := b.get("/app/intake"); p.StatusCode != http.StatusForbidden {
			t.Errorf("GET /app/intake: %d", p.StatusCode)
		}
		token, _ := b.get("/app/").Doc.Find(`input[name="csrf"]`).First().Attr("value")
		for _, path := range []string{"/app/intake/read", "/app/intake/confirm"} {
			if p := b.post(path, url.Values{"text": {intakeRelease}, "csrf": {token}}, ""); p.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s: %d", path, p.StatusCode)
			}
		}
		if b.get("/app/").Doc.Find(`a[href="/app/intake"]`).Length() != 0 {
			t.Errorf("the menu offers the intake to a reader")
		}
	}
}

func TestIntakePagesInEveryLanguage(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("admin@example.org", accord.RoleAdmin, nil)
	for _, lang := range []string{"en", "fr", "ar"} {
		b.Lang = lang
		for _, p := range []page{b.get("/app/intake"), b.post("/app/intake/read", url.Values{"text": {intakeRelease}}, "/app/intake")} {
			if p.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", lang, p.StatusCode)
			}
			if l, _ := p.Doc.Find("html").Attr("lang"); l != lang {
				t.Errorf("lang %q, want %s", l, lang)
			}
			if key := regexp.MustCompile(`intake\.[a-z_.]+`).FindString(p.Doc.Find("body").Text()); key != "" {
				t.Errorf("%s: an untranslated key shows: %s", lang, key)
			}
		}
	}
}
