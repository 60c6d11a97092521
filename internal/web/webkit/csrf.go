package webkit

import (
	"context"
	"crypto/hmac"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// CSRF tokens are an HMAC, under the site's form key, of what the request
// is bound to: the signed-in session, or for signed-out forms (sign-in,
// contact) a random nonce in a cookie signed with the same key. A cookie
// planted by another site or a network attacker carries no valid
// signature, and a token from another session or browser does not match;
// on top of this, Go's cross-origin protection refuses cross-site posts.
type csrfState struct {
	k       *Kit
	session *http.Cookie // the signed-in session's, or nil
	key     []byte       // the form key, read on first use
	basis   string       // "session:…" or "anon:…"; empty until a signed-out form is shown
}

type csrfKey struct{}

// CSRFCookie holds the signed nonce a signed-out visitor's tokens are bound to.
const CSRFCookie = "accord_csrf"

// withCSRF notes in the request what its forms' tokens are bound to; the
// key is read only when a form is shown or checked.
func (k *Kit) withCSRF(r *http.Request, session *http.Cookie) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), csrfKey{}, &csrfState{k: k, session: session}))
}

// csrfOf reads, once per request, the form key and what the tokens are
// bound to. Nil (no state, or no key) refuses every form.
func csrfOf(r *http.Request) *csrfState {
	st, _ := r.Context().Value(csrfKey{}).(*csrfState)
	if st == nil || st.key != nil {
		return st
	}
	key, err := st.k.SigningKey(r.Context())
	if err != nil {
		st.k.logger.Error("form key", "err", err)
		return nil
	}
	st.key = key
	if st.session != nil {
		st.basis = "session:" + base64.RawURLEncoding.EncodeToString(auth.HashSecret(st.session.Value))
	} else if c, err := r.Cookie(CSRFCookie); err == nil {
		if nonce, sig, ok := strings.Cut(c.Value, "."); ok && hmac.Equal([]byte(sig), []byte(Sign(key, "csrf-cookie", nonce))) {
			st.basis = "anon:" + nonce
		}
	}
	return st
}

// CSRFToken returns the token for the forms of the page, setting the
// signed cookie of a signed-out visitor on first use.
func CSRFToken(w http.ResponseWriter, r *http.Request) string {
	st := csrfOf(r)
	if st == nil {
		return ""
	}
	if st.basis == "" {
		nonce, _ := auth.NewSecret("")
		http.SetCookie(w, &http.Cookie{Name: CSRFCookie, Value: nonce + "." + Sign(st.key, "csrf-cookie", nonce), Path: "/",
			HttpOnly: true, Secure: st.k.SecureCookies(r), SameSite: http.SameSiteLaxMode})
		st.basis = "anon:" + nonce
	}
	return Sign(st.key, "csrf", st.basis)
}

// CheckCSRF refuses a form whose token is not the one of its session or
// signed cookie, compared in constant time.
func CheckCSRF(r *http.Request) error {
	st := csrfOf(r)
	if st == nil || st.basis == "" ||
		!hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(Sign(st.key, "csrf", st.basis))) {
		return accord.Errorf(accord.EFORBIDDEN, "The form has expired or did not come from this site. Go back, reload the page and try again.")
	}
	return nil
}
