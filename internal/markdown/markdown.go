// Package markdown turns the Markdown that editors write into HTML that is
// safe to serve: goldmark renders it (raw HTML included, so that editors
// may use a few tags Markdown lacks) and bluemonday's policy for
// user-generated content then keeps only harmless elements and attributes:
// no script, no event handlers, no style, links only to http, https and
// mailto, marked rel="nofollow noopener".
package markdown

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

var (
	md = goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	policy = sync.OnceValue(func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowURLSchemes("http", "https", "mailto")
		p.RequireParseableURLs(true)
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true) // and with it rel="noopener"
		return p
	})
)

// HTML renders Markdown as sanitized HTML, ready to place in a page.
func HTML(src string) template.HTML {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only when writing to buf fails; show the text escaped.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(policy().SanitizeBytes(buf.Bytes()))
}
