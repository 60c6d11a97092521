package accord

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSafeFilename(t *testing.T) {
	const text, pdf = "text/plain; charset=utf-8", "application/pdf"
	for _, c := range []struct{ name, kind, want string }{
		{"brief\u202Efdp.hta", text, "brieffdp.hta.txt"},
		{"brief\u202Efdp.pdf", pdf, "brieffdp.pdf"},
		{"report.PDF", pdf, "report.PDF"},
		{`C:\Users\me\report.pdf`, pdf, "report.pdf"},
		{"../../etc/passwd", text, "passwd.txt"},
		{"...hidden.txt", text, "hidden.txt"},
		{".pdf", pdf, "pdf.pdf"},
		{"", pdf, "file.pdf"},
		{"\u2066\u200b\u200f", text, "file.txt"},
		{"a\x00b\tc\nd.txt", text, "ab c d.txt"},
		{"what?<now>.pdf", pdf, "what__now_.pdf"},
		{"photo.png", "image/jpeg", "photo.png.jpg"},
		{"photo.jpeg", "image/jpeg", "photo.jpeg"},
		{"notes", "application/x-old", "notes"},
	} {
		if got := SafeFilename(c.name, c.kind); got != c.want {
			t.Errorf("SafeFilename(%q, %s) = %q, want %q", c.name, c.kind, got, c.want)
		}
	}
	long := SafeFilename(strings.Repeat("é", 500)+".pdf", pdf)
	if utf8.RuneCountInString(long) != MaxFilenameLength || !strings.HasSuffix(long, ".pdf") {
		t.Errorf("a long name became %d characters: %q", utf8.RuneCountInString(long), long)
	}
}

// FuzzSafeFilename checks the rules for any name: valid UTF-8, no control,
// format or separator character, no leading dot, bounded, never empty.
func FuzzSafeFilename(f *testing.F) {
	for _, s := range []string{"brief\u202Efdp.hta", "../a.pdf", "...", "a\x00.txt", "\xff\xfe.pdf", strings.Repeat("x", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, kind := range []string{"application/pdf", "text/plain; charset=utf-8", "application/x-unknown"} {
			got := SafeFilename(name, kind)
			if got == "" || !utf8.ValidString(got) || strings.HasPrefix(got, ".") || utf8.RuneCountInString(got) > MaxFilenameLength ||
				strings.ContainsFunc(got, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '/' || r == '\\' }) {
				t.Fatalf("SafeFilename(%q, %s) = %q", name, kind, got)
			}
		}
	})
}
