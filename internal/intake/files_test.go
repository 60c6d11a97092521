package intake

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/extract"
)

// docx builds a minimal Word document around body (WordprocessingML).
func docx(t *testing.T, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTextOfDocx(t *testing.T) {
	data := docx(t, `<w:p><w:r><w:t>GENEVA:</w:t></w:r><w:r><w:t xml:space="preserve"> The OIC &amp; WHO met.</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t>Second</w:t><w:tab/><w:t>paragraph</w:t><w:br/><w:t>line</w:t></w:r></w:p>`)
	got, err := TextOf("Release.DOCX", data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "GENEVA: The OIC & WHO met.\n\nSecond\tparagraph\nline"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTextOfRefusals(t *testing.T) {
	if _, err := TextOf("release.pdf", []byte("%PDF")); !errors.Is(err, ErrFileType) {
		t.Errorf("pdf: %v", err)
	}
	if _, err := TextOf("release.docx", []byte("not a zip")); !errors.Is(err, extract.ErrBinary) {
		t.Errorf("damaged docx: %v", err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.Create("other.xml")
	zw.Close()
	if _, err := TextOf("release.docx", buf.Bytes()); !errors.Is(err, extract.ErrBinary) {
		t.Errorf("docx without document.xml: %v", err)
	}
	big := docx(t, `<w:p><w:r><w:t>`+strings.Repeat("word ", extract.MaxInput/5+10)+`</w:t></w:r></w:p>`)
	if _, err := TextOf("big.docx", big); !errors.Is(err, extract.ErrTooLarge) {
		t.Errorf("a docx over the limit: %v", err)
	}
	if got, err := TextOf("page.html", []byte("<p>x</p>")); err != nil || got != "<p>x</p>" {
		t.Errorf("html is passed to the extractor as it is: %q %v", got, err)
	}
}

func TestRefusal(t *testing.T) {
	for _, tt := range []struct {
		text   string
		status int
		rule   string
	}{
		{"", http.StatusBadRequest, "empty"},
		{"PK\x03\x04\x00\x00", http.StatusBadRequest, "not_text"},
		{strings.Repeat("a", extract.MaxInput+1), http.StatusRequestEntityTooLarge, "too_large"},
		{"Le secrétaire général de l'organisation a rencontré le directeur général de l'OMS à Genève pour discuter de la coopération dans le domaine de la santé et des vaccins pour les pays membres.", http.StatusUnprocessableEntity, "language_not_supported"},
	} {
		_, err := extract.Extract(context.Background(), tt.text, extract.Options{})
		status, rule, ok := Refusal(err)
		if !ok || status != tt.status || rule != tt.rule {
			t.Errorf("%.20q: %d %q %v (%v)", tt.text, status, rule, ok, err)
		}
	}
	if status, rule, ok := Refusal(fmt.Errorf("%w: 9000000 steps for 2000 words", extract.ErrTooComplex)); !ok || status != http.StatusUnprocessableEntity || rule != "too_complex" {
		t.Errorf("a text too complex to read: %d %q %v", status, rule, ok)
	}
	if status, rule, ok := Refusal(fmt.Errorf("%w: the document is nested more than 256 levels deep", ErrFileLimit)); !ok || status != http.StatusUnprocessableEntity || rule != "file_limit" {
		t.Errorf("a file past the reader's limits: %d %q %v", status, rule, ok)
	}
	if _, _, ok := Refusal(errors.New("disk full")); ok {
		t.Errorf("an internal error taken for a refusal")
	}
}
