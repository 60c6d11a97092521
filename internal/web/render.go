package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/web/webkit"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Page is what every page's template receives; page types embed it.
type Page struct {
	Locale  *i18n.Locale
	User    *accord.User
	CSRF    string
	Title   string
	Section string // which menu entry is current
	Flash   string
	Path    string // the current path and query, for the language switch
	Static  string // prefix of content-hashed static assets
}

// L is the page's locale, for templates: {{.L.T "key"}}. It is a method,
// not a field, because text/template finds a method of an embedding page
// type at once but searches its embedded structs for a field on every use.
func (p Page) L() *i18n.Locale { return p.Locale }

// Admin reports whether the signed-in user is an administrator.
func (p Page) Admin() bool { return p.User != nil && p.User.Role == accord.RoleAdmin }

// CanWrite reports whether the signed-in user may change records.
func (p Page) CanWrite() bool { return p.User != nil && accord.ActorFor(p.User).CanWrite() }

type pages struct {
	byName map[string]*template.Template
}

// parsedPages parses the embedded templates once for every server of the
// process: they never change after parsing, and executing them is safe
// from many requests at once.
var parsedPages = sync.OnceValues(parsePages)

func parsePages() (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[base] = t
	}
	// A page whose content was rendered before: the layout around it.
	kept, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html")
	if err == nil {
		_, err = kept.New("content").Parse(`{{.Content}}`)
	}
	if err != nil {
		return nil, fmt.Errorf("template kept: %w", err)
	}
	p.byName[keptTemplate] = kept
	return p, nil
}

var funcs = template.FuncMap{
	"query": func(base url.Values, kv ...any) string {
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			k := fmt.Sprint(kv[i])
			if v := fmt.Sprint(kv[i+1]); v != "" && v != "0" {
				q.Set(k, v)
			} else {
				q.Del(k)
			}
		}
		return "?" + q.Encode()
	},
	"fieldError": func(errs map[string]string, field string) string { return errs[field] },
	"itoa":       func(i int64) string { return strconv.FormatInt(i, 10) },
	"add":        func(a, b int) int { return a + b },
	"deref":      derefID,
	"field":      field,
	"textarea":   textarea,
	"list":       func(v ...string) []string { return v },
	"itemsOf": func(p any, items []*accord.Activity) activityItems {
		return activityItems{L: localeOf(p), Items: items}
	},
	"amount":    amount,
	"highlight": highlight,
	"snippet":   snippet,
	"link":      func(kind string) string { return searchLinks[kind] },
}

// activityItems is what the shared "activityitems" table needs.
type activityItems struct {
	L     *i18n.Locale
	Items []*accord.Activity
}

// localeOf finds the locale of a page value passed to a template function.
func localeOf(p any) *i18n.Locale {
	if lp, ok := p.(interface{ locale() *i18n.Locale }); ok {
		return lp.locale()
	}
	return i18n.Get("en")
}

// amount turns a stored decimal such as "2500000" into a number the locale formats.
func amount(s string) any {
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return n
	}
	return s
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// page fills the common part of every page.
func (s *Server) page(w http.ResponseWriter, r *http.Request, title, section string) Page {
	l := webkit.Language(r)
	p := Page{Locale: l, User: webkit.UserFrom(r.Context()), CSRF: webkit.CSRFToken(w, r), Title: l.T(title), Section: section,
		Path: r.URL.RequestURI(), Static: webkit.StaticPrefix()}
	if c, err := r.Cookie("accord_flash"); err == nil {
		p.Flash = l.T(c.Value)
		http.SetCookie(w, &http.Cookie{Name: "accord_flash", Path: "/", MaxAge: -1})
	}
	return p
}

// render executes a page into a buffer, then writes it, so that a template
// error never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	return webkit.WriteHTML(w, status, buf.Bytes())
}

// keptTemplate is the layout around a page's content rendered before.
const keptTemplate = " kept"

// keptPage is the data of keptTemplate.
type keptPage struct {
	Page
	Content template.HTML
}

// renderKept answers a page whose content (the "content" template of name)
// is the same for every user who sees it alike at one version of the data,
// if that content was rendered before and kept (keepRendered): key says
// all that it depends on. The layout around it (the user's name, the form
// token, the language switch) is rendered for each request. It reports
// whether it answered.
func (s *Server) renderKept(w http.ResponseWriter, p Page, name, key string) (bool, error) {
	body, ok := s.Kit.Rendered().Get(keptKey(p, name, key))
	if !ok {
		return false, nil
	}
	return true, s.render(w, http.StatusOK, keptTemplate, keptPage{Page: p, Content: template.HTML(body)})
}

// keepRendered renders the content of page name from data, keeps it among
// the rendered pages under key for renderKept, and answers the page.
func (s *Server) keepRendered(w http.ResponseWriter, p Page, name, key string, data any) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "content", data); err != nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	body := buf.Bytes()
	s.Kit.Rendered().Put(keptKey(p, name, key), body)
	return s.render(w, http.StatusOK, keptTemplate, keptPage{Page: p, Content: template.HTML(body)})
}

// keptKey is where the content of page name is kept: key in the page's language.
func keptKey(p Page, name, key string) string {
	return "content " + name + " " + p.Locale.Lang + " " + key
}

// redirect sends the browser to url after a successful form, with a message key to show there.
func redirect(w http.ResponseWriter, r *http.Request, url, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "accord_flash", Value: flash, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}
