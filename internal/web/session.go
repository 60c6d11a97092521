package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/web/webkit"
)

type loginPage struct {
	Page
	Email string
	Next  string
	Error string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if webkit.UserFrom(r.Context()) != nil {
		return redirect(w, r, safeNext(r.URL.Query().Get("next")), "")
	}
	return s.render(w, http.StatusOK, "login", loginPage{Page: s.page(w, r, "login.title", ""), Next: r.URL.Query().Get("next")})
}

// login checks the password and opens a session stored in the database.
// Only failures count against the limit (device.go), on the account's
// counter or on the browser's own (device.go). The attempt is counted
// before the password is checked, so that parallel guesses cannot pass the
// limit, and given back when the password is right.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if err := webkit.CheckCSRF(r); err != nil {
		return err
	}
	email, password := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	p := loginPage{Page: s.page(w, r, "login.title", ""), Email: email, Next: r.PostFormValue("next")}
	now := s.Now()
	key, err := s.Kit.SigningKey(r.Context())
	if err != nil {
		return err
	}
	account := strings.ToLower(email)
	throttle := signinThrottleKey(r, key, account)
	if wait, err := s.Kit.RateLimited(w, r, throttle, signinFailures, signinWindow); err != nil {
		return err
	} else if wait > 0 {
		p.Error = p.Locale.T("login.throttled", int((wait+time.Minute-1)/time.Minute))
		return s.render(w, http.StatusTooManyRequests, "login", p)
	}
	u, hash, err := s.Store.UserByEmail(r.Context(), email)
	ok := false
	switch {
	case err == nil && !u.Disabled:
		ok = auth.CheckPassword(hash, password)
	case accord.ErrorCode(err) == accord.ENOTFOUND || err == nil:
		ok = auth.CheckNoUser(password)
	default:
		return err
	}
	if !ok {
		p.Error = p.Locale.T("login.failed")
		return s.render(w, http.StatusUnauthorized, "login", p)
	}
	if err := s.Store.ThrottleRefund(r.Context(), throttle); err != nil {
		return err
	}
	secret, hashed := auth.NewSecret("")
	if err := s.Store.CreateSession(r.Context(), hashed, accord.Session{UserID: u.ID, ExpiresAt: now.Add(s.SessionTTL)}); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: webkit.SessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: s.Kit.SecureCookies(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.SessionTTL.Seconds())})
	s.setDeviceCookie(w, r, key, account)
	return redirect(w, r, safeNext(p.Next), "")
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(webkit.SessionCookie); err == nil {
		if err := s.Store.DeleteSession(r.Context(), auth.HashSecret(c.Value)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: webkit.SessionCookie, Path: "/", MaxAge: -1})
	return redirect(w, r, "/app/login", "")
}

// setLanguage remembers the chosen language in a cookie and returns to the page.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) error {
	if err := webkit.CheckCSRF(r); err != nil {
		return err
	}
	lang := r.PostFormValue("lang")
	if !accord.SupportedLanguage(lang) {
		return accord.Errorf(accord.EINVALID, "Unknown language %q; choose en, fr or ar.", lang)
	}
	http.SetCookie(w, &http.Cookie{Name: webkit.LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: s.Kit.SecureCookies(r)})
	// A signed-in user's choice follows them to other browsers.
	if u := webkit.UserFrom(r.Context()); u != nil && u.Language != lang {
		changed := *u
		changed.Language = lang
		if err := s.Store.UpdateUser(r.Context(), &changed); err != nil && accord.ErrorCode(err) != accord.ECONFLICT {
			return err
		}
	}
	return redirect(w, r, safeNext(r.PostFormValue("next")), "")
}

// safeNext keeps redirects on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return "/app/"
	}
	return next
}
