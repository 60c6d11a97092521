// Package webtest helps the tests of the staff pages (package web) and of
// the public site (package site) alike: a browser with cookies, its
// answers as documents, and the public world both read. Only tests import
// it.
package webtest

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Browser is an HTTP client with cookies that does not follow redirects.
type Browser struct {
	T      testing.TB
	URL    string // the server's, without a trailing slash
	Client *http.Client
	// Lang is sent as Accept-Language.
	Lang string
	// Header is sent with every request, e.g. a proxy's X-Forwarded-For.
	Header http.Header
}

// NewBrowser is a browser without cookies for the server at serverURL.
func NewBrowser(t testing.TB, serverURL string) *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{T: t, URL: serverURL,
		Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Page is an answer, its body read and parsed.
type Page struct {
	*http.Response
	Doc  *goquery.Document
	Body string
}

// Do sends req with the browser's language and headers.
func (b *Browser) Do(req *http.Request) Page {
	b.T.Helper()
	if b.Lang != "" {
		req.Header.Set("Accept-Language", b.Lang)
	}
	for k, vs := range b.Header {
		req.Header[k] = vs
	}
	res, err := b.Client.Do(req)
	if err != nil {
		b.T.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	return Page{Response: res, Doc: doc, Body: string(body)}
}

// Get requests path.
func (b *Browser) Get(path string) Page {
	req, _ := http.NewRequest(http.MethodGet, b.URL+path, nil)
	return b.Do(req)
}

// Post submits a form as a browser would: with the CSRF token of the page
// the form is on (formPage), fetched first.
func (b *Browser) Post(path string, form url.Values, formPage string) Page {
	b.T.Helper()
	if formPage != "" {
		p := b.Get(formPage)
		token, _ := p.Doc.Find(`input[name="csrf"]`).First().Attr("value")
		form.Set("csrf", token)
	}
	req, _ := http.NewRequest(http.MethodPost, b.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.Do(req)
}

// Text is the trimmed text of the first element that selector finds.
func (p Page) Text(selector string) string {
	return strings.TrimSpace(p.Doc.Find(selector).First().Text())
}

// ContactFields fetches the contact page and returns the form's hidden fields.
func (b *Browser) ContactFields(path string) url.Values {
	b.T.Helper()
	p := b.Get(path)
	if p.StatusCode != http.StatusOK {
		b.T.Fatalf("GET %s: %d", path, p.StatusCode)
	}
	v := url.Values{}
	for _, name := range []string{"csrf", "ts"} {
		val, ok := p.Doc.Find(`form.public-form input[name="` + name + `"]`).Attr("value")
		if !ok || val == "" {
			b.T.Fatalf("the contact form has no %s field", name)
		}
		v.Set(name, val)
	}
	return v
}

// SendContact sends a form with an optional file, as the contact form does.
func (b *Browser) SendContact(path string, form url.Values, fileName string, file []byte) Page {
	b.T.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("attachment", fileName)
		_, _ = fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.Do(req)
}
