package intake

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/accordhq/accord/internal/extract"
)

// Extensions are the kinds of file TextOf reads.
var Extensions = []string{".txt", ".html", ".htm", ".docx"}

// ErrFileType is returned for a file that is not .txt, .html or .docx.
var ErrFileType = errors.New("only .txt, .html and .docx files can be read")

// maxDocXML bounds the unpacked text of a .docx: a zip of a few hundred
// kilobytes may unpack to gigabytes.
const maxDocXML = 16 << 20

// TextOf returns the text of an uploaded file, chosen by its extension:
// plain text as it is, HTML as it is (the extractor removes tags, scripts
// and styles), Word documents (.docx) from word/document.xml, read with
// the standard library. Errors wrap ErrFileType, extract.ErrBinary (a
// damaged .docx) or extract.ErrTooLarge.
func TextOf(filename string, data []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".txt", ".html", ".htm":
		return string(data), nil
	case ".docx":
		return docxText(data)
	}
	return "", fmt.Errorf("%w (got %q)", ErrFileType, filename)
}

// docxText reads the paragraphs of a Word document: text runs (w:t), tabs
// and line breaks; each paragraph (w:p) ends with a blank line, as news
// texts separate paragraphs.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: the .docx file is not a readable zip archive", extract.ErrBinary)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return "", fmt.Errorf("%w: the .docx file has no word/document.xml", extract.ErrBinary)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("%w: word/document.xml cannot be opened", extract.ErrBinary)
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxDocXML))
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: word/document.xml is damaged or larger than %d MB unpacked", extract.ErrBinary, maxDocXML>>20)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteString("\n\n")
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
		if b.Len() > extract.MaxInput {
			return "", fmt.Errorf("%w: the document's text alone is over the limit", extract.ErrTooLarge)
		}
	}
	return strings.TrimSpace(b.String()), nil
}
