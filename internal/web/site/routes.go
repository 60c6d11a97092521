package site

import "net/http"

// Register registers the public site: each page under /en/, /fr/ and
// /ar/, and without a prefix in the reader's language (PRODUCT.md's
// stable surface: /, /news, /news/{slug}, /feed.atom, /sitemap.xml).
func (s *Site) Register(mux *http.ServeMux) {
	for _, prefix := range []string{"", "en", "fr", "ar"} {
		at := ""
		if prefix != "" {
			at = "/" + prefix
			mux.Handle("GET "+at, s.public(prefix, s.publicHome))
		}
		mux.Handle("GET "+at+"/{$}", s.public(prefix, s.publicHome))
		mux.Handle("GET "+at+"/news", s.public(prefix, s.publicNews))
		mux.Handle("GET "+at+"/news/search", s.public(prefix, s.publicSearch))
		mux.Handle("GET "+at+"/news/{slug}", s.public(prefix, s.publicArticle))
		mux.Handle("POST "+at+"/news/{slug}/comments", s.public(prefix, s.publicCommentPost))
		mux.Handle("GET "+at+"/partners/{id}", s.public(prefix, s.publicPartner))
		mux.Handle("GET "+at+"/feed.atom", s.public(prefix, s.publicFeed))
		mux.Handle("GET "+at+"/contact", s.public(prefix, s.publicContact))
		mux.Handle("POST "+at+"/contact", s.public(prefix, s.contactSubmit))
		mux.Handle("GET "+at+"/open-data", s.public(prefix, s.publicOpenData))
	}
	mux.Handle("GET /feed/{file}", s.public("", s.publicFeed))
	mux.Handle("GET /news/images/{id}", s.public("", s.publicImage))
	mux.Handle("GET /open-data/{file}", s.public("", s.openDataFile))
	mux.Handle("GET /sitemap.xml", s.public("", s.sitemap))
	mux.Handle("GET /robots.txt", s.public("", s.robots))
}
