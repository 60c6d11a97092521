package web

import "github.com/accordhq/accord/internal/i18n"

// formField is what the "field" template needs to draw one labelled input.
type formField struct {
	L                   *i18n.Locale
	Name, Label, Value  string
	Stored              string
	Conflict            bool // the stored value differs from the one in the form
	Required, Multiline bool
	Hint, Error         string
}

// fieldPage is the part of a form page that fields read.
type fieldPage interface {
	locale() *i18n.Locale
	fieldErrors() map[string]string
}

func (p Page) locale() *i18n.Locale { return p.Locale }

func (p orgFormPage) fieldErrors() map[string]string    { return p.Errors }
func (p personFormPage) fieldErrors() map[string]string { return p.Errors }

// field builds a formField; stored is the stored value after an edit
// conflict, or nil (a typed nil from "and .Stored …") when there is none.
func field(p fieldPage, name, label, value string, stored any, required bool, hint string) formField {
	f := formField{L: p.locale(), Name: name, Label: label, Value: value, Required: required, Hint: hint, Error: p.fieldErrors()[name]}
	if s, ok := stored.(string); ok && s != value {
		f.Stored, f.Conflict = s, true
	}
	return f
}

// textarea is field for multi-line text.
func textarea(p fieldPage, name, label, value string, stored any) formField {
	f := field(p, name, label, value, stored, false, "")
	f.Multiline = true
	return f
}
