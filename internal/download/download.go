// Package download sends stored files, documents and contact attachments
// alike, to the pages' users and the API's clients.
package download

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Attachment sends a stored file as a download that no browser shows or
// runs on Accord's origin: Content-Disposition attachment, the stored type
// with nosniff, a sandbox, and no caching (only users allowed to see its
// record may read it). The name is made safe again, for files kept before
// names were cleaned.
func Attachment(w http.ResponseWriter, a *accord.Attachment, data []byte) {
	kind := a.ContentType
	if kind == "" {
		kind = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", kind)
	h.Set("Content-Disposition", contentDisposition(accord.SafeFilename(a.Filename, kind)))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data) // the client may have gone; nothing to do
}

// contentDisposition is "attachment" with the name twice, as RFC 6266
// asks: filename*= in UTF-8 (RFC 8187) and, for old clients, filename= in
// ASCII with other characters as "_".
func contentDisposition(name string) string {
	var ascii, ext strings.Builder
	for _, r := range name {
		switch {
		case r >= 0x20 && r < 0x7f && r != '"' && r != '\\':
			ascii.WriteRune(r)
		default:
			ascii.WriteByte('_')
		}
	}
	for _, c := range []byte(name) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			ext.WriteByte(c)
		} else {
			ext.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + ext.String()
}
