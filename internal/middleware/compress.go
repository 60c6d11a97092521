package middleware

import (
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// compressMin is the smallest answer worth compressing: below about a
// kilobyte gzip's own header and the CPU cost more than the bytes saved.
const compressMin = 1024

// compressLevel trades CPU for bytes. On the funding overview (138 KB)
// the fastest level sends 40.7 KB for 0.76 ms of CPU, level 5 37.5 KB for
// 2.0 ms and the default level 37.1 KB for 3.5 ms: the last few kilobytes
// are not worth a staff page's CPU budget of about 4 ms.
const compressLevel = gzip.BestSpeed

// gzipSuffix marks the ETag of a compressed answer: the compressed bytes
// are another representation than the identity's (RFC 9110 §8.8.3), so a
// cache that keeps both must not take one for the other.
const gzipSuffix = "-gzip"

// gzipWriters keeps the compressors between requests: each holds about
// 800 KB of tables that would otherwise be allocated per answer (go test
// -bench Gzip: 1.1 MB allocated per compressed page without the pool,
// 0.3 MB with it, most of that the recorder's copy).
var gzipWriters = sync.Pool{New: func() any {
	gz, _ := gzip.NewWriterLevel(io.Discard, compressLevel)
	return gz
}}

// compressGzip compresses the text answers of clients that take gzip.
// HEAD and range requests pass untouched (a range counts bytes of the
// identity); so do answers that are encoded already, attachments,
// binary types, 204, 304 and answers under compressMin. The ETag of a
// compressed answer carries gzipSuffix, which is taken off the request's
// If-None-Match and If-Match again so that the handlers, which know only
// their own tags, still answer 304 and check versions.
func compressGzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || r.Header.Get("Range") != "" {
			next.ServeHTTP(w, r)
			return
		}
		r, revalidated := withoutGzipTags(r)
		cw := &compressWriter{ResponseWriter: w, accepts: acceptsGzip(r.Header), revalidated: revalidated}
		defer cw.finish()
		next.ServeHTTP(cw, r)
	})
}

// withoutGzipTags returns r with gzipSuffix taken off the entity tags of
// its If-None-Match and If-Match, and whether If-None-Match had one.
func withoutGzipTags(r *http.Request) (*http.Request, bool) {
	inm, im := r.Header.Get("If-None-Match"), r.Header.Get("If-Match")
	if !strings.Contains(inm, gzipSuffix) && !strings.Contains(im, gzipSuffix) {
		return r, false
	}
	r = r.Clone(r.Context())
	for _, name := range []string{"If-None-Match", "If-Match"} {
		if v := r.Header.Get(name); v != "" {
			r.Header.Set(name, strings.ReplaceAll(v, gzipSuffix+`"`, `"`))
		}
	}
	return r, strings.Contains(inm, gzipSuffix+`"`)
}

// suffixed is the ETag of the compressed form of the answer tagged etag:
// "abc" becomes "abc-gzip", W/"abc" W/"abc-gzip".
func suffixed(etag string) string {
	if !strings.HasSuffix(etag, `"`) || strings.HasSuffix(etag, gzipSuffix+`"`) {
		return etag
	}
	return etag[:len(etag)-1] + gzipSuffix + `"`
}

// compressWriter decides at the status line whether the answer is one to
// compress; if it is and its length is not known, it holds the status
// and the first compressMin bytes until it knows the answer is that long.
type compressWriter struct {
	http.ResponseWriter
	accepts     bool // the client takes gzip
	revalidated bool // If-None-Match named a compressed answer's tag
	wroteHeader bool
	holding     bool   // a candidate whose status and first bytes wait in buf
	status      int    // held while holding
	buf         []byte // held while holding
	gz          *gzip.Writer
}

func (w *compressWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	if code < 200 { // informational: more headers follow
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.wroteHeader = true
	h := w.Header()
	if code == http.StatusNotModified && w.revalidated {
		// The client revalidates the compressed answer it keeps.
		h.Add("Vary", "Accept-Encoding")
		if w.accepts {
			h.Set("ETag", suffixed(h.Get("ETag")))
		}
	}
	if !candidate(code, h) {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	h.Add("Vary", "Accept-Encoding")
	if n, err := strconv.Atoi(h.Get("Content-Length")); !w.accepts || (err == nil && n < compressMin) {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.holding, w.status = true, code
}

// candidate tells whether an answer with this status and these headers is
// one to compress for a client that takes gzip.
func candidate(code int, h http.Header) bool {
	switch {
	case code == http.StatusNoContent, code == http.StatusNotModified, code == http.StatusPartialContent:
		return false
	case h.Get("Content-Encoding") != "":
		return false
	case strings.HasPrefix(strings.ToLower(h.Get("Content-Disposition")), "attachment"):
		return false
	}
	return compressible(h.Get("Content-Type"))
}

func (w *compressWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	switch {
	case w.gz != nil:
		return w.gz.Write(b)
	case !w.holding:
		return w.ResponseWriter.Write(b)
	}
	w.buf = append(w.buf, b...)
	if len(w.buf) >= compressMin {
		if err := w.startGzip(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// startGzip sends the held status with the compressed answer's headers
// and compresses what was held.
func (w *compressWriter) startGzip() error {
	h := w.Header()
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	h.Del("Accept-Ranges") // ranges count the identity's bytes
	if etag := h.Get("ETag"); etag != "" {
		h.Set("ETag", suffixed(etag))
	}
	w.ResponseWriter.WriteHeader(w.status)
	w.holding = false
	w.gz = gzipWriters.Get().(*gzip.Writer)
	w.gz.Reset(w.ResponseWriter)
	_, err := w.gz.Write(w.buf)
	w.buf = nil
	return err
}

// Flush sends what is written so far: a handler that flushes streams, so
// a held answer is compressed from there on whatever its length so far.
func (w *compressWriter) Flush() {
	if w.holding {
		_ = w.startGzip()
	}
	if w.gz != nil {
		_ = w.gz.Flush()
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// finish ends the answer once the handler returns: a held answer shorter
// than compressMin goes as it is, a compressed one gets gzip's trailer.
func (w *compressWriter) finish() {
	if w.holding {
		w.holding = false
		w.ResponseWriter.WriteHeader(w.status)
		_, _ = w.ResponseWriter.Write(w.buf)
	}
	if w.gz != nil {
		_ = w.gz.Close()
		w.gz.Reset(io.Discard) // let go of the connection's writer
		gzipWriters.Put(w.gz)
		w.gz = nil
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *compressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
