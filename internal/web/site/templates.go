package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/accordhq/accord/internal/web/webkit"
)

//go:embed templates/*.html templates/comments/*.html
var templateFiles embed.FS

// templates are the public pages, each in the public layout, and the
// comments' section that the article page holds.
type templates struct {
	byName   map[string]*template.Template
	hash     string // changes when a template does, for ETags
	comments *template.Template
}

var publicFuncs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"list": func(v ...string) []string { return v },
	"path": webkit.PublicPath,
	"iso":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
}

// parsedTemplates parses the embedded templates once for every site of the
// process: they never change after parsing, and executing them is safe
// from many requests at once.
var parsedTemplates = sync.OnceValues(parseTemplates)

func parseTemplates() (*templates, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &templates{byName: map[string]*template.Template{}}
	sum := sha256.New()
	for _, name := range names {
		b, _ := templateFiles.ReadFile(name)
		sum.Write(b)
		base := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(publicFuncs).ParseFS(templateFiles, "templates/layout.html", name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[base] = t
	}
	p.hash = hex.EncodeToString(sum.Sum(nil))[:12]
	p.comments, err = template.New("").Funcs(template.FuncMap{"iso": publicFuncs["iso"],
		"plain": plainText, "path": webkit.PublicPath, "commentOf": commentOf}).ParseFS(templateFiles, "templates/comments/*.html")
	if err != nil {
		return nil, fmt.Errorf("comment templates: %w", err)
	}
	return p, nil
}

// renderPublic executes a public page into a buffer, then writes it.
func (s *Site) renderPublic(w http.ResponseWriter, status int, name string, data any) error {
	body, err := s.executePublic(name, data)
	if err != nil {
		return err
	}
	return webkit.WriteHTML(w, status, body)
}

// executePublic renders a public page.
func (s *Site) executePublic(name string, data any) ([]byte, error) {
	t, ok := s.templates.byName[name]
	if !ok {
		return nil, fmt.Errorf("no public template %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("public template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}
