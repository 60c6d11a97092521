package accord

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxFilenameLength is the longest name an upload keeps, in characters.
const MaxFilenameLength = 120

// typeExtensions are the extensions a stored content type may be shown
// with, the first being the one added to a name without any of them.
var typeExtensions = map[string][]string{
	"application/pdf":           {".pdf"},
	"image/png":                 {".png"},
	"image/jpeg":                {".jpg", ".jpeg"},
	"image/gif":                 {".gif"},
	"image/webp":                {".webp"},
	"text/plain; charset=utf-8": {".txt", ".csv", ".md"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   {".docx"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         {".xlsx"},
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
	"application/vnd.oasis.opendocument.text":                                   {".odt"},
	"application/vnd.oasis.opendocument.spreadsheet":                            {".ods"},
}

// SafeFilename is the name an uploaded file is kept and shown under, made
// from the name the client sent and the type Accord detected from the
// content. "brief\u202Efdp.hta" showed as "briefath.pdf": the direction
// override is gone, and a text file ends in .txt whatever it was called.
// It keeps the last path element, drops control and format characters
// (bidi overrides and isolates, zero-width ones), characters Windows
// refuses in names, and leading dots; it shortens the name to
// MaxFilenameLength characters, keeping the extension; an empty name is "file".
func SafeFilename(name, contentType string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	var b strings.Builder
	for _, r := range norm.NFC.String(strings.ToValidUTF8(name, "")) {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) || r == utf8.RuneError:
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	name = strings.Join(strings.Fields(b.String()), " ")
	name = strings.TrimLeft(name, ". ")
	base, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		base, ext = name[:i], name[i:]
	}
	if exts, ok := typeExtensions[contentType]; ok && !slices.Contains(exts, strings.ToLower(ext)) {
		base, ext = name, exts[0]
	}
	if utf8.RuneCountInString(ext) > 16 {
		base, ext = base+ext, ""
	}
	if r := []rune(base); len(r)+utf8.RuneCountInString(ext) > MaxFilenameLength {
		base = strings.TrimRight(string(r[:MaxFilenameLength-utf8.RuneCountInString(ext)]), ". ")
	}
	if strings.TrimSpace(base) == "" {
		base = "file"
	}
	return base + ext
}
