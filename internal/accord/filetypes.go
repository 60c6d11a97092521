package accord

import (
	"path"
	"strings"
)

// The kinds of file Accord keeps (documents, images, attachments of the
// contact form), judged by the type sniffed from their content, never by
// their name. Office documents sniff as zip and are kept only under their
// own extensions. HTML and scripts are refused.
var keptTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain; charset=utf-8": true, "application/zip": true,
}

// officeTypes are the extensions a zip is kept under, and the type it is then stored as.
var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
}

// ZipType is what office documents sniff as: kept only under their
// extensions.
const ZipType = "application/zip"

// StoredType is the type a file named filename, whose content sniffs as
// sniffed, is kept as; ok is false when Accord does not keep it (a zip
// that is not named as an office document among them).
func StoredType(filename, sniffed string) (kind string, ok bool) {
	if !keptTypes[sniffed] {
		return "", false
	}
	if sniffed == ZipType {
		kind, ok = officeTypes[strings.ToLower(path.Ext(filename))]
		return kind, ok
	}
	return sniffed, true
}

// KeptType reports whether Accord keeps files whose content sniffs as kind.
func KeptType(kind string) bool { return keptTypes[kind] }
