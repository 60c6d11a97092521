package site

import (
	"bytes"
	"crypto/hmac"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/markdown"
	"github.com/accordhq/accord/internal/web/webkit"
)

// Readers' comments on the public article page. The page is the same for
// every reader, so that it can be cached (public, rendered once per
// version): nothing in its body is per visitor. What protects the form:
//
//   - the hidden "csrf" field, a token the server signs for the article, and
//     a form cookie (SameSite=Lax, so browsers never send it with a post
//     from another site) holding the signed time the form was shown; both
//     are checked on top of Go's cross-origin protection;
//   - that time: a form sent less than commentMinAge after it was shown is
//     refused as automated;
//   - a honeypot field hidden from people;
//   - a rate limit per IP address, and the store's limits and blocklist.
//
// Each refusal says what happened and shows the form again with what the
// reader typed.

const (
	commentFormCookie = "accord_comment_form"
	commentMinAge     = 3 * time.Second // sent faster than this: a robot
	commentFormMaxAge = 24 * time.Hour

	commentPostLimit  = 10 // per client address per commentPostWindow
	commentPostWindow = 10 * time.Minute
)

// setCommentFormCookie records when the form was shown, signed.
func (s *Site) setCommentFormCookie(w http.ResponseWriter, r *http.Request, key []byte, now time.Time) {
	ts := strconv.FormatInt(now.Unix(), 10)
	http.SetCookie(w, &http.Cookie{Name: commentFormCookie, Value: ts + "." + webkit.Sign(key, "comment-form", ts), Path: "/",
		MaxAge: int(commentFormMaxAge / time.Second), HttpOnly: true, Secure: s.Kit.SecureCookies(r), SameSite: http.SameSiteLaxMode})
}

// commentView is a comment as the public section shows it.
type commentView struct {
	*accord.Comment
	Dir string
}

// commentItem is what the "comment" template shows: one comment in the page's locale.
type commentItem struct {
	*accord.Comment
	L   *i18n.Locale
	Dir string
}

func commentOf(c *commentSection, comment *accord.Comment, _ string) commentItem {
	return commentItem{Comment: comment, L: c.L, Dir: dir(comment.Lang)}
}

// commentSection is what templates/comments/section.html receives.
type commentSection struct {
	L        *i18n.Locale
	Lang     string
	Slug     string
	Comments []commentView
	Count    int
	CSRF     string
	Notice   string // after a submission: pending or approved
	ReplyTo  *accord.Comment
	Form     commentInput
	Errors   map[string]string
	Problem  string // what went wrong with the whole form
	Org      string // the organization's name, for its replies
	Hidden   int    // older threads not shown (see commentThreadsShown)
}

// commentInput is what the reader typed.
type commentInput struct {
	Name, Email, Website, Text string
	Parent                     int64
}

// Invalid reports whether a field has a problem, for aria-invalid.
func (c commentSection) Invalid(field string) bool { _, ok := c.Errors[field]; return ok }

// Action is where the form posts.
func (c commentSection) Action() string {
	return webkit.PublicPath(c.Lang, "/news/"+c.Slug+"/comments")
}

// commentsStamp is the comments' part of an article's validators, read
// without loading them; on a GET it also gives the reader the form cookie.
func (s *Site) commentsStamp(w http.ResponseWriter, r *http.Request, n *accord.NewsItem) (string, error) {
	stamp, err := s.Store.PublicCommentsStamp(r.Context(), n.ID)
	if err != nil {
		return "", err
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		key, err := s.Kit.SigningKey(r.Context())
		if err != nil {
			return "", err
		}
		s.setCommentFormCookie(w, r, key, s.Now())
		// The cookie is the reader's own: shared caches must not keep the answer.
		w.Header().Set("Cache-Control", "private, no-cache")
	}
	return stamp + "|" + r.URL.Query().Get("comments"), nil
}

// commentThreadsShown is how many threads an article shows, the latest,
// unless the reader asks for all: a page stays light however many comment.
const commentThreadsShown = 50

// articleComments loads the public comments of an article for its page.
func (s *Site) articleComments(r *http.Request, n *accord.NewsItem, lang string) (*commentSection, error) {
	key, err := s.Kit.SigningKey(r.Context())
	if err != nil {
		return nil, err
	}
	list, count, err := s.Store.PublicComments(r.Context(), n.ID)
	if err != nil {
		return nil, err
	}
	l := i18n.Get(lang)
	c := &commentSection{L: l, Lang: lang, Slug: n.Slug, Count: count, CSRF: webkit.Sign(key, "comment-csrf", n.Slug), Org: l.T("public.site")}
	q := r.URL.Query()
	if id, _ := accord.ParseID(q.Get("reply")); id > 0 {
		for _, top := range list {
			if top.ID == id {
				c.ReplyTo, c.Form.Parent = top, id
			}
		}
	}
	if len(list) > commentThreadsShown && q.Get("comments") != "all" {
		c.Hidden = len(list) - commentThreadsShown
		list = list[c.Hidden:]
	}
	for _, top := range list {
		c.Comments = append(c.Comments, commentView{top, dir(top.Lang)})
	}
	if v := q.Get("comment"); v == accord.CommentPending || v == accord.CommentApproved {
		c.Notice = v
	}
	return c, nil
}

// commentsHTML renders the section.
func (s *Site) commentsHTML(c *commentSection) template.HTML {
	var buf bytes.Buffer
	if err := s.templates.comments.ExecuteTemplate(&buf, "section.html", c); err != nil {
		return template.HTML("<!-- comments: " + template.HTMLEscapeString(err.Error()) + " -->")
	}
	return template.HTML(buf.String())
}

// plainText shows a comment's text as it was typed: escaped, paragraphs at
// blank lines, line breaks kept, addresses left as text (never links).
func plainText(s string) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(template.HTMLEscapeString(line))
		}
		b.WriteString("</p>")
	}
	return template.HTML(b.String())
}

// publicCommentPost receives the comment form.
func (s *Site) publicCommentPost(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	n, err := s.Store.PublicNewsBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	t, ok := n.In(lang)
	if !ok {
		t = n.Best(lang)
	}
	lang = t.Lang
	l := i18n.Get(lang)
	f := r.PostForm
	in := commentInput{Name: f.Get("name"), Email: f.Get("email"), Website: f.Get("website"), Text: f.Get("text")}
	in.Parent, _ = accord.ParseID(f.Get("parent"))
	key, err := s.Kit.SigningKey(r.Context())
	if err != nil {
		return err
	}
	refuse := func(status int, problem string, errs map[string]string) error {
		return s.refuseComment(w, r, n, t, status, in, problem, errs)
	}
	now := s.Now()
	ip := s.Kit.ClientAddr(r)
	if wait, err := s.Kit.RateLimited(w, r, "comment-addr:"+ip, commentPostLimit, commentPostWindow); err != nil {
		return err
	} else if wait > 0 {
		return refuse(http.StatusTooManyRequests, l.T("comments.too_many"), nil)
	}
	if !hmac.Equal([]byte(f.Get("csrf")), []byte(webkit.Sign(key, "comment-csrf", n.Slug))) {
		s.setCommentFormCookie(w, r, key, now)
		return refuse(http.StatusForbidden, l.T("comments.expired"), nil)
	}
	shown, err := formShown(r, key)
	if err != nil {
		s.setCommentFormCookie(w, r, key, now)
		return refuse(http.StatusBadRequest, l.T(err.Error()), nil)
	}
	if age := now.Sub(shown); age > commentFormMaxAge {
		s.setCommentFormCookie(w, r, key, now)
		return refuse(http.StatusBadRequest, l.T("comments.expired"), nil)
	} else if age < commentMinAge {
		return refuse(http.StatusBadRequest, l.T("comments.too_fast"), nil)
	}
	if f.Get("homepage") != "" {
		return refuse(http.StatusBadRequest, l.T("comments.honeypot"), nil)
	}
	sub := &accord.CommentSubmission{NewsID: n.ID, Name: in.Name, Email: in.Email, Website: in.Website, Text: in.Text,
		Lang: lang, IP: ip, UserAgent: r.UserAgent()}
	if in.Parent > 0 {
		sub.ParentID = &in.Parent
	}
	_, status, err := s.Store.SubmitComment(r.Context(), sub)
	if err != nil {
		errs, err := webkit.FormErrors(l, err)
		if err != nil {
			return err
		}
		problem := l.T("comments.problems")
		if msg, ok := errs[""]; ok {
			problem = l.T("comments.blocked")
			if !strings.Contains(msg, "does not accept") {
				problem = msg
			}
			delete(errs, "")
		}
		return refuse(http.StatusUnprocessableEntity, problem, errs)
	}
	http.Redirect(w, r, webkit.PublicPath(lang, "/news/"+n.Slug)+"?comment="+status+"#comments", http.StatusSeeOther)
	return nil
}

// formShown reads the signed time of the form cookie.
func formShown(r *http.Request, key []byte) (time.Time, error) {
	c, err := r.Cookie(commentFormCookie)
	if err != nil || c.Value == "" {
		return time.Time{}, fmt.Errorf("comments.no_cookie")
	}
	ts, sig, _ := strings.Cut(c.Value, ".")
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || !hmac.Equal([]byte(sig), []byte(webkit.Sign(key, "comment-form", ts))) {
		return time.Time{}, fmt.Errorf("comments.expired")
	}
	return time.Unix(unix, 0), nil
}

// refuseComment shows the article again, never cached, with the form as
// the reader filled it and what is wrong with it.
func (s *Site) refuseComment(w http.ResponseWriter, r *http.Request, n *accord.NewsItem, t accord.NewsTranslation, status int,
	in commentInput, problem string, errs map[string]string) error {
	cs, err := s.articleComments(r, n, t.Lang)
	if err != nil {
		return err
	}
	cs.Form, cs.Problem, cs.Errors = in, problem, errs
	if in.Parent > 0 {
		for _, c := range cs.Comments {
			if c.ID == in.Parent {
				cs.ReplyTo = c.Comment
			}
		}
	}
	p := publicArticlePage{publicPage: s.newPublicPage(r, t.Lang, "/news/"+n.Slug, t.Title, n.Langs()), Item: n, Text: t,
		Dir: dir(t.Lang), Body: markdown.HTML(t.Body), Published: *n.PublishAt}
	p.Section = "public_news"
	p.Comments = s.commentsHTML(cs)
	w.Header().Set("Cache-Control", "no-store")
	return s.renderPublic(w, status, "public_article", p)
}
