package middleware

import (
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var text = strings.Repeat("<p>Funding for health in Afghanistan, 2026.</p>\n", 100)

// serve answers one request through compressGzip; the handler writes body
// in two parts, as a template's buffer or a stream would.
func serve(req *http.Request, header map[string]string, status int, body string) *httptest.ResponseRecorder {
	h := compressGzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		io.WriteString(w, body[:len(body)/2])
		io.WriteString(w, body[len(body)/2:])
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func gzipRequest(method string) *http.Request {
	req := httptest.NewRequest(method, "/", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	return req
}

// TestCompressOnlyText: text answers over a kilobyte are compressed and
// decode to what the handler wrote; images, attachments, answers encoded
// already, small ones, 204s, HEAD and range requests are left as written.
func TestCompressOnlyText(t *testing.T) {
	html := map[string]string{"Content-Type": "text/html; charset=utf-8"}
	ranged := gzipRequest("GET")
	ranged.Header.Set("Range", "bytes=0-99")
	for _, c := range []struct {
		name   string
		req    *http.Request
		header map[string]string
		status int
		body   string
		want   bool
	}{
		{"page", gzipRequest("GET"), html, 200, text, true},
		{"not found page", gzipRequest("GET"), html, 404, text, true},
		{"json", gzipRequest("GET"), map[string]string{"Content-Type": "application/json"}, 200, text, true},
		{"svg", gzipRequest("GET"), map[string]string{"Content-Type": "image/svg+xml"}, 200, text, true},
		{"atom", gzipRequest("GET"), map[string]string{"Content-Type": "application/atom+xml; charset=utf-8"}, 200, text, true},
		{"image", gzipRequest("GET"), map[string]string{"Content-Type": "image/png"}, 200, text, false},
		{"xlsx", gzipRequest("GET"), map[string]string{"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, 200, text, false},
		{"attachment", gzipRequest("GET"), map[string]string{"Content-Type": "text/csv", "Content-Disposition": `attachment; filename="a.csv"`}, 200, text, false},
		{"encoded already", gzipRequest("GET"), map[string]string{"Content-Type": "text/css", "Content-Encoding": "br"}, 200, text, false},
		{"no type", gzipRequest("GET"), nil, 200, text, false},
		{"small", gzipRequest("GET"), html, 200, text[:compressMin-1], false},
		{"small by its length", gzipRequest("GET"), map[string]string{"Content-Type": "text/html", "Content-Length": "900"}, 200, text[:900], false},
		{"no content", gzipRequest("GET"), html, 204, "", false},
		{"head", gzipRequest("HEAD"), html, 200, text, false},
		{"range", ranged, html, 200, text, false},
		{"gzip refused", httptest.NewRequest("GET", "/", nil), html, 200, text, false},
	} {
		rec := serve(c.req, c.header, c.status, c.body)
		got := rec.Result()
		body, _ := io.ReadAll(got.Body)
		if zipped := got.Header.Get("Content-Encoding") == "gzip"; zipped != c.want {
			t.Errorf("%s: compressed %v, want %v", c.name, zipped, c.want)
			continue
		}
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.name, rec.Code, c.status)
		}
		if c.want {
			zr, err := gzip.NewReader(strings.NewReader(string(body)))
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			body, _ = io.ReadAll(zr)
			if got.Header.Get("Content-Length") != "" {
				t.Errorf("%s: Content-Length %q on a compressed answer", c.name, got.Header.Get("Content-Length"))
			}
		}
		if c.req.Method != "HEAD" && string(body) != c.body {
			t.Errorf("%s: body of %d bytes, want the %d written", c.name, len(body), len(c.body))
		}
	}
}

// TestAcceptsGzip reads Accept-Encoding's refusals and weights.
func TestAcceptsGzip(t *testing.T) {
	for ae, want := range map[string]bool{
		"":                    false,
		"gzip":                true,
		"GZIP;q=0.5":          true,
		"deflate, br":         false,
		"gzip;q=0":            false,
		"gzip;q=0.000, *":     false,
		"*":                   true,
		"*;q=0":               false,
		"br;q=1.0, x-gzip":    true,
		"gzip;q=nonsense":     false,
		"identity, *;q=0.1":   true,
		"deflate, gzip ;q=.3": true,
	} {
		h := http.Header{}
		if ae != "" {
			h.Set("Accept-Encoding", ae)
		}
		if got := acceptsGzip(h); got != want {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", ae, got, want)
		}
	}
}

// TestCompressedTagsRevalidate: the compressed answer's ETag is its own,
// and sent back in If-None-Match or If-Match it reaches the handler as the
// handler's own tag.
func TestCompressedTagsRevalidate(t *testing.T) {
	const etag = `W/"abc"`
	var seen []string
	h := compressGzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("If-None-Match")+r.Header.Get("If-Match"))
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/html")
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, text)
	}))
	do := func(header ...string) *http.Response {
		req := gzipRequest("GET")
		for i := 0; i < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	zipped := do().Header.Get("ETag")
	if zipped != `W/"abc-gzip"` {
		t.Fatalf("compressed answer's ETag %q, want W/\"abc-gzip\"", zipped)
	}
	res := do("If-None-Match", zipped)
	if res.StatusCode != http.StatusNotModified || res.Header.Get("ETag") != zipped || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("If-None-Match %s: %d, ETag %q, Vary %q; want 304 with the same ETag, varying by Accept-Encoding",
			zipped, res.StatusCode, res.Header.Get("ETag"), res.Header.Get("Vary"))
	}
	do("If-Match", `"abc-gzip"`)
	if last := seen[len(seen)-1]; last != `"abc"` {
		t.Errorf("the handler saw If-Match %q, want \"abc\"", last)
	}
}

// TestCompressStreams: a handler that flushes gets its first part to the
// client before it writes the rest, compressed.
func TestCompressStreams(t *testing.T) {
	first := make(chan struct{})
	srv := httptest.NewServer(compressGzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		io.WriteString(w, "name,value\n")
		http.NewResponseController(w).Flush()
		<-first
		io.WriteString(w, text)
	})))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		close(first)
		t.Fatal(err)
	}
	defer res.Body.Close()
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		close(first)
		t.Fatal(err)
	}
	head := make([]byte, len("name,value\n"))
	_, err = io.ReadFull(zr, head)
	close(first) // the stream's first part came before its rest was written
	if err != nil || string(head) != "name,value\n" {
		t.Fatalf("first part %q (%v)", head, err)
	}
	if rest, _ := io.ReadAll(zr); string(rest) != text {
		t.Errorf("the rest: %d bytes, want %d", len(rest), len(text))
	}
}

// BenchmarkGzip is the CPU a compressed answer costs, against the same
// answer plain, for a page like the funding overview: 140 KB of table
// rows with varied names and figures (the real page compresses to 29%).
func BenchmarkGzip(b *testing.B) {
	page := fundingLikePage(140 * 1024)
	for _, name := range []string{"identity", "gzip"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			var sent int
			for b.Loop() {
				req := httptest.NewRequest("GET", "/", nil)
				if name == "gzip" {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				sent = serve(req, map[string]string{"Content-Type": "text/html"}, 200, page).Body.Len()
			}
			b.ReportMetric(float64(sent)/float64(len(page)), "sent/written")
		})
	}
}

// fundingLikePage is about n bytes of HTML table rows, their names and
// amounts drawn with a fixed seed.
func fundingLikePage(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("health education water sanitation shelter protection food security nutrition logistics camp coordination early recovery Afghanistan Yemen Sudan Haiti Mali Chad Syria")
	var sb strings.Builder
	for sb.Len() < n {
		fmt.Fprintf(&sb, `<tr><td><a href="/app/organizations/%d">%s %s</a></td><td class="num">%d</td><td class="num">%d.%02d</td><td>%s</td></tr>`+"\n",
			rng.IntN(100000), words[rng.IntN(len(words))], words[rng.IntN(len(words))], rng.IntN(1e9), rng.IntN(1e6), rng.IntN(100), words[rng.IntN(len(words))])
	}
	return sb.String()
}
