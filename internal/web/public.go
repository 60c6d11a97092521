package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
	"github.com/accordhq/accord/internal/i18n"
)

// The public site: no sign-in, no JavaScript, its own light layout. Each
// page exists under /en/, /fr/ and /ar/; the same path without a prefix
// (/news, /news/{slug}) picks the language as the staff application does
// (?lang=, the language cookie, the browser's Accept-Language) and is the
// x-default of the hreflang alternates.

//go:embed templates/public/*.html
var publicTemplateFiles embed.FS

type publicTemplates struct {
	byName map[string]*template.Template
	hash   string // changes when a template does, for ETags
}

var publicFuncs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"list": func(v ...string) []string { return v },
	"path": publicPath,
	"iso":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
}

var parsePublic = sync.OnceValues(func() (*publicTemplates, error) {
	names, err := fs.Glob(publicTemplateFiles, "templates/public/*.html")
	if err != nil {
		return nil, err
	}
	p := &publicTemplates{byName: map[string]*template.Template{}}
	sum := sha256.New()
	for _, name := range names {
		b, _ := publicTemplateFiles.ReadFile(name)
		sum.Write(b)
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/public/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(publicFuncs).ParseFS(publicTemplateFiles, "templates/public/layout.html", name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[base] = t
	}
	p.hash = hex.EncodeToString(sum.Sum(nil))[:12]
	return p, nil
})

// publicPath is the address of a public page in a language: /fr/news.
func publicPath(lang, path string) string {
	if path == "" {
		path = "/"
	}
	return "/" + lang + path
}

// alternate is a language version of a page.
type alternate struct {
	Lang, Href string
	Current    bool
}

// publicPage is what every public page's template receives.
type publicPage struct {
	L           *i18n.Locale
	Title       string
	Description string
	Path        string // the page's path without the language prefix, e.g. /news
	Base        string // scheme and host, for absolute addresses
	Canonical   string
	Alternates  []alternate // hreflang links; also the language switcher
	Static      string
	Feed        string // the Atom feed of this language
	Section     string
	Message     string // for error pages
}

// Prefix is the path prefix of the page's language, for links.
func (p publicPage) Prefix() string { return "/" + p.L.Lang }

// publicLang reads the language of a public request: the prefix the route
// was registered under, else ?lang=, else the staff application's choice.
func (s *Server) publicLang(r *http.Request, prefix string) (lang string, negotiated bool) {
	if prefix != "" {
		return prefix, false
	}
	if l := r.URL.Query().Get("lang"); accord.SupportedLanguage(l) {
		return l, false
	}
	return s.language(r).Lang, true
}

// baseURL is the scheme and host the request came to.
func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if s.SecureCookies || s.viaHTTPS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// newPublicPage fills the common part of a public page. langs are the
// languages the page exists in (nil: all three).
func (s *Server) newPublicPage(r *http.Request, lang, path, title string, langs []string) publicPage {
	l := i18n.Get(lang)
	p := publicPage{L: l, Title: title, Path: path, Base: s.baseURL(r), Static: "/static/" + s.pages.staticHash,
		Feed: publicPath(lang, "/feed.atom")}
	p.Canonical = p.Base + publicPath(lang, path)
	if langs == nil {
		langs = accord.Languages
	}
	for _, x := range langs {
		p.Alternates = append(p.Alternates, alternate{Lang: x, Href: p.Base + publicPath(x, path), Current: x == lang})
	}
	return p
}

// publicHandler is a public page: it gets the language of its route.
type publicHandler func(w http.ResponseWriter, r *http.Request, lang string, negotiated bool) error

// public adapts a public page: its language, caching headers, and errors as
// a public page (never the staff layout); only server errors are logged.
func (s *Server) public(prefix string, h publicHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, negotiated := s.publicLang(r, prefix)
		if negotiated {
			w.Header().Set("Vary", "Accept-Language, Cookie")
		}
		err := h(w, r, lang, negotiated)
		if err == nil {
			return
		}
		status := httperr.Status(err)
		if status >= 500 {
			s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		title := "error.title"
		if status == http.StatusNotFound {
			title = "error.not_found"
		}
		p := s.newPublicPage(r, lang, "", i18n.Get(lang).T(title), nil)
		p.Message = accord.ErrorMessage(err)
		w.Header().Del("ETag")
		w.Header().Del("Last-Modified")
		w.Header().Set("Cache-Control", "no-store")
		if rerr := s.renderPublic(w, status, "error", p); rerr != nil {
			http.Error(w, accord.ErrorMessage(err), status)
		}
	})
}

// renderPublic executes a public page into a buffer, then writes it.
func (s *Server) renderPublic(w http.ResponseWriter, status int, name string, data any) error {
	body, err := s.executePublic(name, data)
	if err != nil {
		return err
	}
	return writeHTML(w, status, body)
}

// executePublic renders a public page.
func (s *Server) executePublic(name string, data any) ([]byte, error) {
	tpl, err := parsePublic()
	if err != nil {
		return nil, err
	}
	t, ok := tpl.byName[name]
	if !ok {
		return nil, fmt.Errorf("no public template %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("public template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

func writeHTML(w http.ResponseWriter, status int, body []byte) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}

// validators makes an ETag from what a public answer is made of: the
// templates and styles of this build and the given parts (records' ids
// and versions, the language, the page).
func (s *Server) validators(parts ...any) string {
	tpl, _ := parsePublic()
	sum := sha256.New()
	fmt.Fprint(sum, s.pages.staticHash)
	if tpl != nil {
		fmt.Fprint(sum, tpl.hash)
	}
	for _, p := range parts {
		fmt.Fprintf(sum, "|%v", p)
	}
	return `W/"` + hex.EncodeToString(sum.Sum(nil))[:20] + `"`
}

// notModified sets the validators of a response and answers 304 when the
// request's conditions show the client already has it. Public answers may
// be stored by caches but are checked again on each use.
func notModified(w http.ResponseWriter, r *http.Request, etag string, modified time.Time) bool {
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

// lastChange is when a news item last changed as the public sees it: its
// last edit, or the moment it became public, whichever is later.
func lastChange(n *accord.NewsItem) time.Time {
	t := n.UpdatedAt
	if n.PublishAt != nil && n.PublishAt.After(t) {
		t = *n.PublishAt
	}
	return t
}

// publicQuery keeps a list's filters in its pager links.
func publicQuery(q url.Values, kv ...string) string {
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" || kv[i+1] == "1" && kv[i] == "page" {
			out.Del(kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	if len(out) == 0 {
		return ""
	}
	return "?" + out.Encode()
}
