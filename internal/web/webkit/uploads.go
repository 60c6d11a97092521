package webkit

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// uploadTypes are the kinds of file Accord keeps, by the type sniffed from
// their content (never the name). Office documents sniff as zip and are
// accepted only under their own extensions. HTML and scripts are refused.
var uploadTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain; charset=utf-8": true, "application/zip": true,
}

// officeTypes are the documents that sniff as zip, by their exact extension.
var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
}

// Sniff decides the stored content type of an upload, or says why it is
// refused: the staff's documents and images and the contact form's
// attachments are judged alike.
func Sniff(filename string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", accord.Errorf(accord.EINVALID, "The file is empty.")
	}
	kind := http.DetectContentType(data)
	if !uploadTypes[kind] {
		return "", accord.Errorf(accord.EINVALID, "Files of type %s are not accepted; send a PDF, an image, plain text or an office document.", kind)
	}
	if kind == "application/zip" {
		office, ok := officeTypes[strings.ToLower(filepath.Ext(filename))]
		if !ok {
			return "", accord.Errorf(accord.EINVALID, "A zip file is accepted only as an office document (.docx, .xlsx, .pptx, .odt, .ods).")
		}
		kind = office
	}
	return kind, nil
}

// Accepted reports whether Accord keeps files of the sniffed type kind
// (an office document sniffs as zip: Sniff names it by its extension).
func Accepted(kind string) bool { return uploadTypes[kind] }
