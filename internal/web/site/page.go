package site

import (
	"net/http"
	"net/url"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/web/webkit"
)

// Each page exists under /en/, /fr/ and /ar/; the same path without a
// prefix (/news, /news/{slug}) picks the language as the staff application
// does (?lang=, the language cookie, the browser's Accept-Language) and is
// the x-default of the hreflang alternates.

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
func publicLang(r *http.Request, prefix string) (lang string, negotiated bool) {
	if prefix != "" {
		return prefix, false
	}
	if l := r.URL.Query().Get("lang"); accord.SupportedLanguage(l) {
		return l, false
	}
	return webkit.Language(r).Lang, true
}

// baseURL is the scheme and host the request came to.
func (s *Site) baseURL(r *http.Request) string {
	scheme := "http"
	if s.Kit.SecureCookies(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// newPublicPage fills the common part of a public page. langs are the
// languages the page exists in (nil: all three).
func (s *Site) newPublicPage(r *http.Request, lang, path, title string, langs []string) publicPage {
	l := i18n.Get(lang)
	p := publicPage{L: l, Title: title, Path: path, Base: s.baseURL(r), Static: webkit.StaticPrefix(),
		Feed: webkit.PublicPath(lang, "/feed.atom")}
	p.Canonical = p.Base + webkit.PublicPath(lang, path)
	if langs == nil {
		langs = accord.Languages
	}
	for _, x := range langs {
		p.Alternates = append(p.Alternates, alternate{Lang: x, Href: p.Base + webkit.PublicPath(x, path), Current: x == lang})
	}
	return p
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
