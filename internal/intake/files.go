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

// ErrFileLimit is returned for a file within the upload limit whose
// content is past what Accord reads: it expands too far, or nests too deep.
var ErrFileLimit = errors.New("the file is beyond what Accord reads")

// Bounds of a .docx, so that reading one costs a few megabytes whatever it
// holds. maxDocXML bounds word/document.xml unpacked: a zip of a few
// hundred kilobytes may unpack to gigabytes. maxDocDepth bounds the
// nesting of its elements: the XML decoder keeps every open element, and
// 30 KB of nested paragraphs held 150 MB. Word documents with tables in
// tables nest a few dozen levels. maxDocRun bounds a stretch without
// markup (one text or attribute, which the decoder holds whole): no more
// than the text the extractor reads.
const (
	maxDocXML   = 16 << 20
	maxDocDepth = 256
	maxDocRun   = extract.MaxInput
)

// TextOf returns the text of an uploaded file, chosen by its extension:
// plain text as it is, HTML as it is (the extractor removes tags, scripts
// and styles), Word documents (.docx) from word/document.xml, read with
// the standard library. Errors wrap ErrFileType, ErrFileLimit (a .docx
// that expands or nests past the bounds above), extract.ErrBinary (a
// damaged .docx) or extract.ErrTooLarge (text over the extractor's limit).
func TextOf(filename string, data []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".txt", ".html", ".htm":
		if len(data) > extract.MaxInput {
			return "", fmt.Errorf("%w: the file has %d bytes", extract.ErrTooLarge, len(data))
		}
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
	expands := fmt.Errorf("%w: the document expands to more than %d MB", ErrFileLimit, maxDocXML>>20)
	// archive/zip fails a read past the declared size, so the declared
	// size bounds what inflating can produce.
	if doc.UncompressedSize64 > maxDocXML {
		return "", expands
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("%w: word/document.xml cannot be opened", extract.ErrBinary)
	}
	defer rc.Close()
	runs := &markupRuns{r: io.LimitReader(rc, maxDocXML+1)}
	dec := xml.NewDecoder(runs)
	var b strings.Builder
	inText := false
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		switch {
		case errors.Is(err, errLongRun):
			return "", fmt.Errorf("%w: the document has more than %d MB of text or attribute without markup", extract.ErrTooLarge, maxDocRun>>20)
		case err != nil && dec.InputOffset() > maxDocXML:
			return "", expands
		case err != nil:
			return "", fmt.Errorf("%w: word/document.xml is damaged", extract.ErrBinary)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDocDepth {
				return "", fmt.Errorf("%w: the document is nested more than %d levels deep", ErrFileLimit, maxDocDepth)
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
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

// errLongRun is markupRuns' error.
var errLongRun = errors.New("a run without markup is over the limit")

// markupRuns passes XML through, failing once more than maxDocRun bytes
// go by without a '<' or '>': the decoder holds a text or an attribute
// whole before returning it.
type markupRuns struct {
	r   io.Reader
	run int // bytes since the last '<' or '>'
}

func (m *markupRuns) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	first := bytes.IndexAny(p[:n], "<>")
	if first < 0 {
		m.run += n
	} else {
		m.run += first
	}
	if m.run > maxDocRun {
		return 0, errLongRun
	}
	if first >= 0 {
		m.run = n - 1 - bytes.LastIndexAny(p[:n], "<>")
	}
	return n, err
}
