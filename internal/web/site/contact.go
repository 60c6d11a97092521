package site

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/web/webkit"
)

// The public contact form (PRODUCT.md: /contact). It works without
// JavaScript and defends itself like the comment form: a honeypot field
// that people never see, a minimum time between showing the form and
// sending it (a timestamp signed with the site's key), limits per address
// and per sender, and limits on length and links. A refused form is shown
// again with what the person typed and a message per field.

// contactMinDelay is the least time a person takes to fill the form; a
// faster post is a robot. contactMaxAge is how long a shown form stays good.
const (
	contactMinDelay = 3 * time.Second
	contactMaxAge   = 24 * time.Hour
)

// Limits on the form's posts, counted in the database (webkit.Kit.RateLimited).
const (
	contactAddrLimit  = 5 // posts per client address per contactAddrWindow
	contactAddrWindow = 10 * time.Minute
	contactFromLimit  = 3 // messages per sender's email per contactFromWindow
	contactFromWindow = time.Hour
)

func stampMAC(key []byte, unix string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("contact|" + unix))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// stamp signs the time a form is shown.
func (s *Site) stamp(ctx context.Context) (string, error) {
	key, err := s.Kit.SigningKey(ctx)
	if err != nil {
		return "", err
	}
	unix := strconv.FormatInt(s.Now().Unix(), 10)
	return unix + "." + stampMAC(key, unix), nil
}

// checkStamp reports what is wrong with a form's signed time: "" when it
// is good, else the message key to show.
func (s *Site) checkStamp(ctx context.Context, v string) (string, error) {
	key, err := s.Kit.SigningKey(ctx)
	if err != nil {
		return "", err
	}
	unix, mac, ok := strings.Cut(v, ".")
	shown, perr := strconv.ParseInt(unix, 10, 64)
	if !ok || perr != nil || !hmac.Equal([]byte(mac), []byte(stampMAC(key, unix))) {
		return "contact.error.expired", nil
	}
	age := s.Now().Sub(time.Unix(shown, 0))
	switch {
	case age < contactMinDelay:
		return "contact.error.too_fast", nil
	case age > contactMaxAge:
		return "contact.error.expired", nil
	}
	return "", nil
}

// contactInput is what the person typed, shown again when the form is refused.
type contactInput struct {
	Name, Email, Category, Message string
}

type contactPage struct {
	publicPage
	CSRF       string
	Stamp      string
	Form       contactInput
	Errors     map[string]string // field → message; "" for the form as a whole
	Sent       bool
	Categories []string
	MaxLinks   int
	MaxMessage int
}

// Invalid reports whether a field has an error, for aria-invalid.
func (p contactPage) Invalid(field string) bool { _, ok := p.Errors[field]; return ok }

func (s *Site) contactPage(w http.ResponseWriter, r *http.Request, lang string, in contactInput, errs map[string]string) (contactPage, error) {
	l := i18n.Get(lang)
	p := contactPage{publicPage: s.newPublicPage(r, lang, "/contact", l.T("contact.title"), nil), Form: in, Errors: errs,
		Categories: accord.ContactCategories, MaxLinks: accord.ContactMaxLinks, MaxMessage: accord.ContactMaxMessage}
	p.Description = l.T("contact.lead")
	p.Section = "public_contact"
	p.CSRF = webkit.CSRFToken(w, r)
	var err error
	p.Stamp, err = s.stamp(r.Context())
	// The form carries a visitor's token and a fresh time: never cached.
	w.Header().Set("Cache-Control", "no-store")
	return p, err
}

func (s *Site) publicContact(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	in := contactInput{Category: r.URL.Query().Get("category")}
	p, err := s.contactPage(w, r, lang, in, nil)
	if err != nil {
		return err
	}
	p.Sent = r.URL.Query().Get("sent") == "1"
	return s.renderPublic(w, http.StatusOK, "public_contact", p)
}

// refuse shows the form again with what was typed and why it was refused.
func (s *Site) refuseContact(w http.ResponseWriter, r *http.Request, lang string, status int, in contactInput, errs map[string]string) error {
	p, err := s.contactPage(w, r, lang, in, errs)
	if err != nil {
		return err
	}
	return s.renderPublic(w, status, "public_contact", p)
}

// contactSubmit takes a message from the public form.
func (s *Site) contactSubmit(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	l := i18n.Get(lang)
	in := contactInput{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Category: r.PostFormValue("category"),
		Message: r.PostFormValue("message")}
	refuse := func(status int, key string) error {
		return s.refuseContact(w, r, lang, status, in, map[string]string{"": l.T(key)})
	}
	if webkit.CheckCSRF(r) != nil {
		return refuse(http.StatusForbidden, "contact.error.expired")
	}
	if wait, err := s.Kit.RateLimited(w, r, "contact-addr:"+s.Kit.ClientAddr(r), contactAddrLimit, contactAddrWindow); err != nil {
		return err
	} else if wait > 0 {
		return refuse(http.StatusTooManyRequests, "contact.error.throttled")
	}
	if problem, err := s.checkStamp(r.Context(), r.PostFormValue("ts")); err != nil {
		return err
	} else if problem != "" {
		return refuse(http.StatusBadRequest, problem)
	}
	done := webkit.PublicPath(lang, "/contact") + "?sent=1"
	if r.PostFormValue("website") != "" {
		// Only robots fill the field people never see: thank them and keep nothing.
		http.Redirect(w, r, done, http.StatusSeeOther)
		return nil
	}
	m := &accord.ContactMessage{Name: in.Name, Email: in.Email, Category: in.Category, Message: in.Message, Lang: lang}
	errs := map[string]string{}
	if err := m.Validate(); err != nil {
		if accord.ErrorCode(err) != accord.EINVALID {
			return err
		}
		for _, f := range accord.ErrorFields(err) {
			if f.Field == "message" {
				errs[f.Field] = l.T("contact.invalid.message", accord.ContactMaxMessage, accord.ContactMaxLinks)
			} else {
				errs[f.Field] = l.T("contact.invalid." + f.Field)
			}
		}
	}
	att, data, fileErr := contactFile(r)
	if fileErr != "" {
		errs["attachment"] = l.T(fileErr)
	} else if att != nil && len(errs) > 0 {
		errs["attachment"] = l.T("contact.error.file_again")
	}
	if len(errs) > 0 {
		errs[""] = l.T("contact.error.fields")
		return s.refuseContact(w, r, lang, http.StatusBadRequest, in, errs)
	}
	if wait, err := s.Kit.RateLimited(w, r, "contact-from:"+strings.ToLower(m.Email), contactFromLimit, contactFromWindow); err != nil {
		return err
	} else if wait > 0 {
		return refuse(http.StatusTooManyRequests, "contact.error.throttled")
	}
	if err := s.Store.SubmitContact(r.Context(), m, att, data); err != nil {
		return err
	}
	if s.ContactSubmitted != nil {
		s.ContactSubmitted() // the acknowledgement goes out now, not at the job's next tick
	}
	http.Redirect(w, r, done, http.StatusSeeOther)
	return nil
}

// contactFile reads the optional attachment: at most 5 MB, of a type
// sniffed from its content. It returns the catalog key of a refusal.
func contactFile(r *http.Request) (*accord.Attachment, []byte, string) {
	file, header, err := r.FormFile("attachment")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil, ""
	} else if err != nil {
		return nil, nil, "contact.error.file_unreadable"
	}
	defer file.Close()
	if header.Size == 0 && header.Filename == "" {
		return nil, nil, ""
	}
	data, err := io.ReadAll(io.LimitReader(file, accord.ContactMaxBytes+1))
	if err != nil {
		return nil, nil, "contact.error.file_unreadable"
	}
	if len(data) > accord.ContactMaxBytes {
		return nil, nil, "contact.error.file_too_large"
	}
	name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	kind, err := webkit.Sniff(name, data)
	if err != nil {
		return nil, nil, "contact.error.file_type"
	}
	return &accord.Attachment{Filename: accord.SafeFilename(name, kind), ContentType: kind}, data, ""
}
