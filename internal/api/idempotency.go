package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// maxKeyLength bounds an Idempotency-Key; a UUID is 36 characters.
const maxKeyLength = 255

// runningFor is how long a request without an answer is taken to be still
// running, rather than finished with its answer lost: the server's longest
// write timeout.
const runningFor = 2 * time.Minute

// idempotent makes a POST honour an Idempotency-Key header
// (draft-ietf-httpapi-idempotency-key-header). The key is recorded with
// the request's first write, in its transaction (see the store), and the
// answer once it is written; a retry with the same key gets that answer,
// on whichever instance it lands, and changes nothing. A POST without the
// header is served as before.
func (a *API) idempotent(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		key, ok, err := idempotencyKey(r)
		if err != nil {
			return err
		}
		if !ok {
			return h(w, r)
		}
		body, err := readBody(w, r, maxUpload+uploadSlack) // the largest body a POST takes: an upload
		if err != nil {
			return err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		fingerprint := requestFingerprint(r, body)
		prev, err := a.store.IdempotentRequest(r.Context(), key)
		if err == nil {
			return replay(w, prev, fingerprint, a.now())
		}
		if accord.ErrorCode(err) != accord.ENOTFOUND {
			return err
		}
		claim := &accord.IdempotencyClaim{Key: key, Fingerprint: fingerprint}
		r = r.WithContext(accord.WithIdempotencyClaim(r.Context(), claim))
		rec := &recorder{ResponseWriter: w}
		if err := h(rec, r); err != nil {
			httperr.WriteProblem(rec, r, err) // the retry gets this answer too
		}
		if !claim.Taken() {
			return nil // nothing was written: a retry runs again
		}
		res := &accord.StoredResponse{Status: rec.status, Location: w.Header().Get("Location"), ETag: w.Header().Get("ETag"),
			ContentType: w.Header().Get("Content-Type"), Body: rec.body.Bytes()}
		if err := a.store.SaveIdempotentResponse(context.WithoutCancel(r.Context()), key, res); err != nil {
			a.log.Error("api: answer to an Idempotency-Key not kept; its retries will get 409", "key", key, "err", err)
		}
		return nil
	}
}

// idempotencyKey reads the Idempotency-Key header, a structured-field string
// ("…"); a bare value is taken as well.
func idempotencyKey(r *http.Request) (string, bool, error) {
	v := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if v == "" {
		return "", false, nil
	}
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	bad := v == "" || len(v) > maxKeyLength
	for i := 0; i < len(v) && !bad; i++ {
		bad = v[i] < 0x20 || v[i] > 0x7e || v[i] == '"' || v[i] == '\\'
	}
	if bad {
		return "", false, invalid("Idempotency-Key", fmt.Sprintf("must be 1 to %d printable ASCII characters without quotes or backslashes, such as a UUID", maxKeyLength))
	}
	return v, true, nil
}

// requestFingerprint identifies a request by what it asks: a key sent again
// with other content is a mistake of the client's, not a retry.
func requestFingerprint(r *http.Request, body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n", r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// replay answers a retry of prev, at now (the database's clock, which
// stamped prev, when the server runs on PostgreSQL).
func replay(w http.ResponseWriter, prev *accord.IdempotentRequest, fingerprint string, now time.Time) error {
	switch {
	case prev.Fingerprint != fingerprint:
		return &httperr.Error{Status: http.StatusUnprocessableEntity, Code: "idempotency_key_reused",
			Message: "This Idempotency-Key was used for another request (another path or body); send a new key with a new request."}
	case prev.Response == nil && now.Sub(prev.CreatedAt) < runningFor:
		return &httperr.Error{Status: http.StatusConflict, Code: "idempotency_key_in_use",
			Message: "The request with this Idempotency-Key is still being carried out; retry in a moment to get its answer."}
	case prev.Response == nil:
		return &httperr.Error{Status: http.StatusConflict, Code: "idempotency_answer_lost",
			Message: fmt.Sprintf("The request with this Idempotency-Key was carried out at %s, but its answer was lost; look for what it created rather than sending it again.",
				prev.CreatedAt.UTC().Format(time.RFC3339))}
	}
	res := prev.Response
	h := w.Header()
	for name, v := range map[string]string{"Location": res.Location, "ETag": res.ETag, "Content-Type": res.ContentType} {
		if v != "" {
			h.Set(name, v)
		}
	}
	h.Set("Idempotent-Replayed", "true")
	w.WriteHeader(res.Status)
	_, _ = w.Write(res.Body)
	return nil
}

// recorder passes an answer through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body.Write(p)
	return r.ResponseWriter.Write(p)
}
