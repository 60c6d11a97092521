package markdown

import "testing"

// FuzzHTML renders any Markdown and checks with inert (the checker the XSS
// corpus test uses) that no <script>, on* or style attribute, forbidden
// element or script URL survives. Seeds are in testdata/fuzz/FuzzHTML.
func FuzzHTML(f *testing.F) {
	f.Add("# Title\n\n<img src=x onerror=alert(1)> [a](javascript:alert(1))")
	f.Fuzz(func(t *testing.T, src string) {
		if why := inert(t, string(HTML(src))); why != "" {
			t.Fatalf("%q renders as %q: %s", src, HTML(src), why)
		}
	})
}
