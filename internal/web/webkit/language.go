package webkit

import (
	"net/http"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
)

// LangCookie remembers the language a reader chose (package web's
// POST /language sets it).
const LangCookie = "accord_lang"

// Language picks the page language: the cookie of a switch, the user's
// setting, then the browser's Accept-Language.
func Language(r *http.Request) *i18n.Locale {
	if c, err := r.Cookie(LangCookie); err == nil && accord.SupportedLanguage(c.Value) {
		return i18n.Get(c.Value)
	}
	if u := UserFrom(r.Context()); u != nil && u.Language != "" {
		return i18n.Get(u.Language)
	}
	return i18n.Get(i18n.Match(r.Header.Get("Accept-Language")))
}
