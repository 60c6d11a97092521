package middleware

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// acceptsGzip tells whether the client takes gzip, by its Accept-Encoding
// (RFC 9110 §12.5.3): "gzip" (or the old "x-gzip") or "*" with a quality
// above zero; "gzip;q=0" is a refusal, and a named gzip outweighs "*".
// Without Accept-Encoding RFC 9110 allows any coding, but such a client is
// most often a script that would not decompress: it gets the identity.
func acceptsGzip(h http.Header) bool {
	gzipQ, anyQ := -1.0, -1.0
	for _, v := range h.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			q := quality(params)
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip", "x-gzip":
				gzipQ = max(gzipQ, q)
			case "*":
				anyQ = max(anyQ, q)
			}
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return anyQ > 0
}

// quality reads q= from a coding's parameters: 1 when absent, 0 when
// unreadable (a garbled weight is no promise to decode).
func quality(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || q < 0 {
			return 0
		}
		return q
	}
	return 1
}

// compressible tells whether an answer of this Content-Type is text that
// gzip shrinks: HTML, JSON (problems included), CSV, SVG, XML, Atom,
// JavaScript, CSS. Images, spreadsheets and archives are compressed
// already, and an answer without a type is not guessed at.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"): // problem+json, atom+xml, svg+xml
		return true
	}
	switch mt {
	case "application/json", "application/xml", "application/javascript", "application/x-javascript":
		return true
	}
	return false
}
