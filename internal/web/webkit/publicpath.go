package webkit

// PublicPath is the address of a public page in a language: /fr/news. The
// staff pages link to the public site's pages with it.
func PublicPath(lang, path string) string {
	if path == "" {
		path = "/"
	}
	return "/" + lang + path
}
