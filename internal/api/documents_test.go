package api

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
)

// part is one part of a multipart/form-data body.
type part struct {
	field, filename string
	disposition     string // the whole Content-Disposition, instead of one made of field and filename
	data            []byte
}

// multipartBody encodes parts as multipart/form-data, returning the body and its Content-Type.
func multipartBody(t *testing.T, parts ...part) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.disposition != "" {
			h.Set("Content-Disposition", p.disposition)
		} else if p.filename != "" {
			quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(p.filename) // control bytes stay raw
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename="%s"`, p.field, quoted))
			h.Set("Content-Type", "application/octet-stream")
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, p.field))
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(p.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// upload posts one file to path.
func (e *env) upload(token, path, filename string, data []byte) *response {
	e.t.Helper()
	body, ct := multipartBody(e.t, part{field: "file", filename: filename, data: data})
	return e.do("POST", path, token, body, "Content-Type", ct)
}

// zipped is a zip archive holding one file, as office documents are.
func zipped(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte("<document/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocuments(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	meeting := e.engagement(e.adminT, g.whoMeeting())
	icrcMeeting := e.engagement(e.adminT, g.icrcMeeting())
	mou := e.agreement(e.adminT, g.whoMoU())
	_, officerT := e.user("officer@example.org", accord.RoleOfficer, nil)
	_, viewerT := e.user("viewer@example.org", accord.RoleViewer, nil)
	_, icrcT := e.user("focal@icrc.org", accord.RolePartner, &g.icrc.ID)
	_, whoT := e.user("focal@who.int", accord.RolePartner, &g.who.ID)
	docs := fmt.Sprintf("/api/v1/engagements/%d/documents", meeting.ID)
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nthe OIC–WHO press release\n%%EOF\n")
	sum := sha256.Sum256(pdf)

	// Upload: 201, the type from the content, the size and sha256 of the bytes, Location where to download.
	r := e.upload(officerT, docs, "release.pdf", pdf).want(201)
	var first accord.Attachment
	r.json(&first)
	if first.ID == 0 || first.Entity != "engagement" || first.EntityID != meeting.ID || first.Filename != "release.pdf" ||
		first.ContentType != "application/pdf" || first.Size != int64(len(pdf)) || first.SHA256 != hex.EncodeToString(sum[:]) ||
		first.UploadedBy != "officer@example.org" || first.CreatedAt.IsZero() {
		t.Fatalf("uploaded %s", r.body)
	}
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/api/v1/documents/%d", first.ID) {
		t.Errorf("Location %q", loc)
	}
	// The same bytes again, under another name (and a Windows path): another attachment, the same content.
	var again accord.Attachment
	e.upload(officerT, docs, `C:\Users\officer\Communiqué final.pdf`, pdf).want(201).json(&again)
	if again.ID == first.ID || again.SHA256 != first.SHA256 || again.Filename != "Communiqué final.pdf" {
		t.Errorf("again %+v, first %+v", again, first)
	}

	// List: to whoever may read the engagement, oldest first.
	for _, token := range []string{officerT, viewerT, whoT} {
		items, total := listOf[accord.Attachment](e.do("GET", docs, token, nil).want(200))
		if total != 2 || len(items) != 2 || items[0].ID != first.ID || items[1].ID != again.ID || items[1].SHA256 != first.SHA256 {
			t.Errorf("documents: %d %+v", total, items)
		}
	}
	if _, total := listOf[accord.Attachment](e.do("GET", fmt.Sprintf("/api/v1/engagements/%d/documents", icrcMeeting.ID), officerT, nil).want(200)); total != 0 {
		t.Errorf("ICRC's meeting has %d documents", total)
	}
	e.do("GET", docs+"?page=1", officerT, nil).want(400).problem()
	e.do("GET", "/api/v1/engagements/999999/documents", officerT, nil).want(404).problem()

	// Download: the bytes as uploaded, as an attachment of the stored type, never sniffed.
	for _, token := range []string{officerT, viewerT, whoT} {
		r = e.do("GET", fmt.Sprintf("/api/v1/documents/%d", again.ID), token, nil).want(200)
		if !bytes.Equal(r.body, pdf) {
			t.Errorf("downloaded %q", r.body)
		}
		h := r.header
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Length") != fmt.Sprint(len(pdf)) {
			t.Errorf("download headers %v", h)
		}
		disposition, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
		if err != nil || disposition != "attachment" || params["filename"] != "Communiqué final.pdf" {
			t.Errorf("Content-Disposition %q: %v", h.Get("Content-Disposition"), err)
		}
	}
	e.do("GET", "/api/v1/documents/999999", officerT, nil).want(404).problem()
	e.do("GET", "/api/v1/documents/abc", officerT, nil).want(400).problem()

	// A partner of ICRC sees neither WHO's engagement's documents nor their bytes, and cannot add any.
	for _, r := range []*response{
		e.do("GET", docs, icrcT, nil).want(404),
		e.do("GET", fmt.Sprintf("/api/v1/documents/%d", first.ID), icrcT, nil).want(404),
		e.upload(icrcT, docs, "mine.pdf", pdf).want(404),
	} {
		r.problem()
		if strings.Contains(string(r.body), "release") || strings.Contains(string(r.body), "PDF") {
			t.Errorf("the 404 shows the document: %s", r.body)
		}
	}
	e.do("GET", fmt.Sprintf("/api/v1/engagements/%d/documents", icrcMeeting.ID), icrcT, nil).want(200)
	// Writers only: viewers and partners get 403 where they may read.
	e.upload(viewerT, docs, "release.pdf", pdf).want(403).problem()
	e.upload(whoT, docs, "release.pdf", pdf).want(403).problem()
	e.upload(icrcT, fmt.Sprintf("/api/v1/engagements/%d/documents", icrcMeeting.ID), "release.pdf", pdf).want(403).problem()

	// Agreements take documents the same way.
	agreementDocs := fmt.Sprintf("/api/v1/agreements/%d/documents", mou.ID)
	var signed accord.Attachment
	e.upload(officerT, agreementDocs, "signed.pdf", pdf).want(201).json(&signed)
	if signed.Entity != "agreement" || signed.EntityID != mou.ID || signed.SHA256 != first.SHA256 {
		t.Errorf("agreement document %+v", signed)
	}
	if items, total := listOf[accord.Attachment](e.do("GET", agreementDocs, officerT, nil).want(200)); total != 1 || items[0].ID != signed.ID {
		t.Errorf("agreement documents: %d %+v", total, items)
	}
	e.do("GET", agreementDocs, icrcT, nil).want(404).problem()
	e.do("GET", fmt.Sprintf("/api/v1/documents/%d", signed.ID), icrcT, nil).want(404).problem()
	e.upload(officerT, "/api/v1/agreements/999999/documents", "x.pdf", pdf).want(404).problem()

	if _, total := listOf[accord.Attachment](e.do("GET", docs, officerT, nil).want(200)); total != 2 {
		t.Errorf("refused uploads were kept: %d documents", total)
	}
}

func TestDocumentTypes(t *testing.T) {
	e := newEnv(t)
	g := e.geneva()
	meeting := e.engagement(e.adminT, g.whoMeeting())
	docs := fmt.Sprintf("/api/v1/engagements/%d/documents", meeting.ID)
	office := zipped(t, "word/document.xml")
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...)

	// Accepted, with the type decided from the content (an office document by its extension too),
	// and the name ending as the type does.
	for _, c := range []struct {
		name string
		data []byte
		kind string
		as   string
	}{
		{"notes.txt", []byte("Minutes of the meeting.\n"), "text/plain; charset=utf-8", "notes.txt"},
		{"notes.pdf", []byte("Plain text named as a PDF.\n"), "text/plain; charset=utf-8", "notes.pdf.txt"},
		{"photo.png", png, "image/png", "photo.png"},
		{"Minutes.DOCX", office, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Minutes.DOCX"},
		{"budget.xlsx", zipped(t, "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget.xlsx"},
		{"plan.odt", zipped(t, "content.xml"), "application/vnd.oasis.opendocument.text", "plan.odt"},
	} {
		var a accord.Attachment
		e.upload(e.adminT, docs, c.name, c.data).want(201).json(&a)
		if a.ContentType != c.kind || a.Filename != c.as {
			t.Errorf("%s: stored as %q named %q, want %q named %q", c.name, a.ContentType, a.Filename, c.kind, c.as)
		}
		r := e.do("GET", fmt.Sprintf("/api/v1/documents/%d", a.ID), e.adminT, nil).want(200)
		if !bytes.Equal(r.body, c.data) || r.header.Get("Content-Type") != c.kind {
			t.Errorf("%s: downloaded as %q", c.name, r.header.Get("Content-Type"))
		}
	}

	// Refused, naming file: HTML whatever its name, scripts, a zip not named as an office document, nothing.
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"release.pdf", []byte("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")},
		{"release.pdf", []byte("<html><body>Not a PDF</body></html>")},
		{"image.png", []byte("<script>alert(1)</script>")},
		{"archive.zip", office},
		{"old.doc", office},
		{"old.xls", office},
		{"noextension", office},
		{"binary.bin", []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"empty.pdf", nil},
	} {
		if p := e.upload(e.adminT, docs, c.name, c.data).want(400).problem(); !p.names("file") {
			t.Errorf("%s %.20q: problem names %v", c.name, c.data, p.fields())
		}
	}

	// The body must be multipart/form-data, with one file in the field file, and its name.
	e.do("POST", docs, e.adminT, map[string]any{"file": "JVBERi0xLjQ="}).want(415).problem()
	e.do("POST", docs, e.adminT, "%PDF-1.4", "Content-Type", "application/pdf").want(415).problem()
	e.do("POST", docs, e.adminT, nil).want(415).problem()
	pdf := []byte("%PDF-1.4 minutes")
	for _, c := range []struct {
		parts []part
		field string
	}{
		{nil, "file"},
		{[]part{{field: "file", data: pdf}}, "file"},
		{[]part{{field: "document", filename: "a.pdf", data: pdf}}, "document"},
		{[]part{{field: "file", filename: "a.pdf", data: pdf}, {field: "title", data: []byte("Minutes")}}, "title"},
		{[]part{{field: "file", filename: "a.pdf", data: pdf}, {field: "file", filename: "b.pdf", data: pdf}}, "file"},
		{[]part{{field: "file", filename: `C:\Users\`, data: pdf}}, "file"},
		{[]part{{field: "file", filename: "reports/", data: pdf}}, "file"},
		{[]part{{field: "file", filename: "..", data: pdf}}, "file"},
		{[]part{{field: "file", filename: "a\x01.pdf", data: pdf}}, ""}, // a Content-Disposition that cannot be read
		{[]part{{disposition: `form-data; name="file"; filename*=utf-8''a%01.pdf`, data: pdf}}, "file"},
		{[]part{{disposition: `form-data; name="file"; filename*=utf-8''` + strings.Repeat("a", 256), data: pdf}}, "file"},
	} {
		body, ct := multipartBody(t, c.parts...)
		if p := e.do("POST", docs, e.adminT, body, "Content-Type", ct).want(400).problem(); c.field != "" && !p.names(c.field) {
			t.Errorf("%+v: problem names %v, want %s", c.parts, p.fields(), c.field)
		}
	}
	e.do("POST", docs, e.adminT, "--x--", "Content-Type", "multipart/form-data").want(400).problem()
	// A filename in RFC 2231 form is read as such.
	body, ct := multipartBody(t, part{disposition: `form-data; name="file"; filename*=utf-8''rapport%20d%C3%A9finitif.pdf`, data: pdf})
	var named accord.Attachment
	e.do("POST", docs, e.adminT, body, "Content-Type", ct).want(201).json(&named)
	if named.Filename != "rapport définitif.pdf" {
		t.Errorf("filename %q", named.Filename)
	}

	// 10 MiB is the limit: a file of exactly 10 MiB is kept, one byte more is a 413.
	big := bytes.Repeat([]byte("a"), maxUpload)
	copy(big, "%PDF-1.4\n")
	var a accord.Attachment
	e.upload(e.adminT, docs, "big.pdf", big).want(201).json(&a)
	if a.Size != maxUpload {
		t.Errorf("size %d", a.Size)
	}
	p := e.upload(e.adminT, docs, "bigger.pdf", append(big, 'a')).want(413).problem()
	if !strings.Contains(p.Detail, "10 MiB") {
		t.Errorf("413 detail %q", p.Detail)
	}
	// A body far larger is cut short by the body limit, not read whole.
	huge, ct := multipartBody(t, part{field: "file", filename: "huge.pdf", data: bytes.Repeat([]byte("a"), maxUpload+uploadSlack+1)})
	e.do("POST", docs, e.adminT, huge, "Content-Type", ct).want(413).problem()
	// A part before the file that is not the file is refused before it is read.
	padded, ct := multipartBody(t, part{field: "padding", data: bytes.Repeat([]byte("a"), maxUpload+uploadSlack)}, part{field: "file", filename: "a.pdf", data: pdf})
	if p := e.do("POST", docs, e.adminT, padded, "Content-Type", ct).want(400).problem(); !p.names("padding") {
		t.Errorf("padding: %v", p.fields())
	}
}
