package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/accordhq/accord/internal/web/webkit"
)

// validators makes an ETag from what a public answer is made of: the
// templates and styles of this build and the given parts (records' ids
// and versions, the language, the page).
func (s *Site) validators(parts ...any) string {
	sum := sha256.New()
	fmt.Fprint(sum, webkit.StaticHash())
	fmt.Fprint(sum, s.templates.hash)
	for _, p := range parts {
		fmt.Fprintf(sum, "|%v", p)
	}
	return `W/"` + hex.EncodeToString(sum.Sum(nil))[:20] + `"`
}

// renderPublicCached answers a public page whose ETag is etag: from the
// rendered pages (webkit.RenderedPages) if this version of it is there,
// else by rendering what page returns (called only then) with the
// template name.
func (s *Site) renderPublicCached(w http.ResponseWriter, r *http.Request, etag, name string, page func() (any, error)) error {
	key := etag + " " + r.Host + r.URL.RequestURI()
	if body, ok := s.Kit.Rendered().Get(key); ok {
		return webkit.WriteHTML(w, http.StatusOK, body)
	}
	data, err := page()
	if err != nil {
		return err
	}
	body, err := s.executePublic(name, data)
	if err != nil {
		return err
	}
	s.Kit.Rendered().Put(key, body)
	return webkit.WriteHTML(w, http.StatusOK, body)
}
