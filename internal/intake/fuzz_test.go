package intake

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/extract"
)

// readerBudget is what reading one fuzzed file may allocate: the inputs
// are small, so anything near it means a reader holds more than it reads.
const readerBudget = 32 << 20

// checkRead reads an uploaded file as the intake does, and fails on a
// panic, an error of no known kind, or more than readerBudget allocated.
func checkRead(t *testing.T, filename string, data []byte) {
	var text string
	var err error
	if n := allocated(func() { text, err = TextOf(filename, data) }); n > readerBudget {
		t.Fatalf("reading %d bytes allocated %d MB", len(data), n>>20)
	}
	if err != nil {
		if !errors.Is(err, extract.ErrBinary) && !errors.Is(err, extract.ErrTooLarge) && !errors.Is(err, ErrFileLimit) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		return
	}
	if len(text) > max(len(data), extract.MaxInput) {
		t.Fatalf("%d bytes of text from %d bytes", len(text), len(data))
	}
	if _, err := extract.Extract(context.Background(), text, extract.Options{}); err != nil {
		if _, _, ok := Refusal(err); !ok {
			t.Fatalf("the extractor's error has no refusal: %v", err)
		}
	}
}

// zipped packs document as the word/document.xml of a .docx.
func zipped(t testing.TB, document string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(document))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxSeeds are WordprocessingML bodies the fuzzers start from.
var docxSeeds = []string{
	`<w:p><w:r><w:t>GENEVA:</w:t></w:r><w:r><w:t xml:space="preserve"> The OIC &amp; WHO met.</w:t></w:r></w:p>`,
	`<w:p><w:r><w:t>Second</w:t><w:tab/><w:t>paragraph</w:t><w:br/><w:t>line</w:t></w:r></w:p>`,
	strings.Repeat("<w:p><w:r>", 300) + "<w:t>x</w:t>" + strings.Repeat("</w:r></w:p>", 300),
	`<w:p w:rsidR="` + strings.Repeat("0", 4096) + `"><w:r><w:t>&#x1F600;&unknown;</w:t></w:r></w:p>`,
	`<w:p><w:r><w:t><![CDATA[<script>]]></w:t></w:r></w:p><!-- unclosed`,
}

const docxHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

// FuzzDocx reads arbitrary bytes as a .docx: the zip reader and the XML
// reader behind it. Its seed corpus is in testdata/fuzz/FuzzDocx.
func FuzzDocx(f *testing.F) {
	for _, s := range docxSeeds {
		f.Add(zipped(f, docxHead+s+`</w:body></w:document>`))
	}
	f.Add([]byte("PK\x03\x04 not a zip"))
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, "release.docx", data) })
}

// FuzzDocxXML reads arbitrary text as the word/document.xml of a .docx,
// so that the fuzzer explores the XML rather than the zip around it. Its
// seed corpus is in testdata/fuzz/FuzzDocxXML.
func FuzzDocxXML(f *testing.F) {
	for _, s := range docxSeeds {
		f.Add(docxHead + s + `</w:body></w:document>`)
	}
	f.Fuzz(func(t *testing.T, document string) { checkRead(t, "release.docx", zipped(t, document)) })
}

// FuzzHTML reads arbitrary text as an uploaded .html file, through the
// extractor's HTML reader. Its seed corpus is in testdata/fuzz/FuzzHTML.
func FuzzHTML(f *testing.F) {
	f.Add(`<html><body><p>KSrelief and WFP ink $4.5m deal</p><script>x</script></body></html>`)
	f.Add(`<div><p>The director general of WHO, Dr. Tedros, met UNICEF.<!-- comment --></p><br><style>p{}</style>`)
	f.Add(`<p>` + strings.Repeat("<div><span>", 2000) + `Geneva &amp; &#x41; &bogus;`)
	f.Add(`<p>unclosed <script>for (;;) {}`)
	f.Add(`<<<<p>>>> <!-- <p> --> </p`)
	f.Fuzz(func(t *testing.T, page string) { checkRead(t, "release.html", []byte(page)) })
}
