package webkit

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// NotModified sets the validators of a response and answers 304 when the
// request's conditions show the client already has it. Public answers may
// be stored by caches but are checked again on each use.
func NotModified(w http.ResponseWriter, r *http.Request, etag string, modified time.Time) bool {
	h := w.Header()
	h.Set("ETag", etag)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, no-cache")
	}
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			if tag = strings.TrimSpace(tag); tag == "*" || strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
				w.WriteHeader(http.StatusNotModified)
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !modified.IsZero() && !modified.Truncate(time.Second).After(ims) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// ServeImage writes a news item's image with its digest as ETag, answering
// 304 when the browser has it.
func ServeImage(w http.ResponseWriter, r *http.Request, img *accord.NewsImage) error {
	if NotModified(w, r, `"`+img.SHA256+`"`, img.CreatedAt) {
		return nil
	}
	w.Header().Set("Content-Type", img.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(img.Data)))
	_, err := w.Write(img.Data)
	return err
}

// WriteHTML writes a page rendered before into a buffer, so that a
// template's error never sends half a page.
func WriteHTML(w http.ResponseWriter, status int, body []byte) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}
