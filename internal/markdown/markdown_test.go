package markdown

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// dangerousSchemes may never start a URL attribute.
var dangerousSchemes = []string{"javascript:", "vbscript:", "livescript:", "data:"}

// urlAttrs are the attributes that browsers load or follow.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "background": true,
	"dynsrc": true, "lowsrc": true, "data": true, "poster": true, "xlink:href": true, "srcset": true, "cite": true}

// forbidden are elements that run, load or restyle anything.
var forbidden = map[string]bool{"script": true, "style": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "meta": true, "link": true, "base": true, "form": true, "svg": true, "math": true, "input": true,
	"button": true, "bgsound": true, "isindex": true}

// inert reports why rendered HTML could run script, or "".
func inert(t *testing.T, out string) string {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		return "contains <script"
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		return "does not parse: " + err.Error()
	}
	var why string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if forbidden[n.Data] {
				why = "keeps <" + n.Data + ">"
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" {
					why = "keeps attribute " + a.Key
				}
				if urlAttrs[key] {
					v := strings.ToLower(strings.Map(func(r rune) rune {
						if r <= ' ' || r == 0x7f {
							return -1 // browsers skip these inside a scheme
						}
						return r
					}, a.Val))
					for _, s := range dangerousSchemes {
						if strings.HasPrefix(v, s) {
							why = "keeps " + a.Key + "=" + a.Val
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return why
}

func readCorpus(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/owasp-xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "go:"):
			s, err := strconv.Unquote(strings.TrimPrefix(line, "go:"))
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			line = s
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestXSSCorpusRendersInert renders every vector of the OWASP cheat sheet,
// alone and inside ordinary Markdown, and finds nothing that could run.
func TestXSSCorpusRendersInert(t *testing.T) {
	vectors := readCorpus(t)
	if len(vectors) < 100 {
		t.Fatalf("corpus has %d vectors", len(vectors))
	}
	for _, v := range vectors {
		for _, src := range []string{v, "# Title\n\nSome *text* " + v + " more.\n\n- " + v + "\n\n> " + v} {
			if why := inert(t, string(HTML(src))); why != "" {
				t.Errorf("%q renders as %q: %s", src, HTML(src), why)
			}
		}
	}
}

// TestInertCheckerCatchesUnsafeHTML makes sure the checker above would fail on unsanitized output.
func TestInertCheckerCatchesUnsafeHTML(t *testing.T) {
	for _, bad := range []string{`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `<a href=" java&#x09;script:alert(1)">x</a>`,
		`<img src="data:image/svg+xml;base64,AAAA">`, `<a href="VBScript:x">x</a>`, `<iframe src="https://example.org"></iframe>`} {
		if inert(t, bad) == "" {
			t.Errorf("checker accepts %q", bad)
		}
	}
}

func TestMarkdownRendersAndLinksSafely(t *testing.T) {
	got := string(HTML("## Geneva\n\nThe two sides agreed to develop a **new MoU**; see [WHO](https://www.who.int/) and [the list](/news).\n\n| a | b |\n|---|---|\n| 1 | 2 |"))
	for _, want := range []string{"<h2", "Geneva</h2>", "<strong>new MoU</strong>", `href="https://www.who.int/"`, `rel="nofollow noopener"`,
		`target="_blank"`, `<a href="/news" rel="nofollow">`, "<table>", "<td>1</td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered HTML lacks %s:\n%s", want, got)
		}
	}
	if got := string(HTML("نص **عربي**")); !strings.Contains(got, "<strong>عربي</strong>") {
		t.Errorf("Arabic: %s", got)
	}
}
