package webkit

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"sync"
)

// The styles of both kinds of page, served at content-hashed addresses.
//
//go:embed static
var staticFiles embed.FS

// StaticHash is this build's hash of the static files: their addresses
// hold it, and the public pages' ETags change with it.
var StaticHash = sync.OnceValue(func() string {
	sum := sha256.New()
	// The files are embedded: walking them cannot fail.
	_ = fs.WalkDir(staticFiles, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(path)
		sum.Write(b)
		return err
	})
	return hex.EncodeToString(sum.Sum(nil))[:12]
})

// StaticPrefix is where a page links the static files: /static/{hash}.
func StaticPrefix() string { return "/static/" + StaticHash() }

// Static serves GET /static/{hash}/: the static files, as immutable, under
// this build's hash only.
func Static() http.Handler {
	sub, _ := fs.Sub(staticFiles, "static")
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Only this build's hash: during a rolling deploy another build's
		// page may ask this instance for its files, and a cache must not
		// keep this build's file for a year under the other's address.
		if r.PathValue("hash") != StaticHash() {
			w.Header().Set("Cache-Control", "no-store")
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		http.StripPrefix("/static/"+r.PathValue("hash"), files).ServeHTTP(w, r)
	})
}
