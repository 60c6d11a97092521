package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// Comment moderation for editors and administrators: the queue with its
// counts per status, bulk approve/spam/trash, edit, reply as the
// organization, the blocklist and the settings. The store refuses other
// roles; these pages only show what it allows.

func (s *Server) commentRoutes(mux *http.ServeMux) {
	mux.Handle("GET /app/comments", s.signedIn(s.commentQueue))
	mux.Handle("POST /app/comments/moderate", s.signedIn(s.commentModerate))
	mux.Handle("GET /app/comments/settings", s.signedIn(s.commentSettingsPage))
	mux.Handle("POST /app/comments/settings", s.signedIn(s.commentSettingsSave))
	mux.Handle("POST /app/comments/blocklist", s.signedIn(s.blocklistAdd))
	mux.Handle("POST /app/comments/blocklist/{id}/delete", s.signedIn(s.blocklistRemove))
	mux.Handle("GET /app/comments/{id}", s.signedIn(s.commentDetail))
	mux.Handle("POST /app/comments/{id}", s.signedIn(s.commentEdit))
	mux.Handle("POST /app/comments/{id}/reply", s.signedIn(s.commentReply))
}

type commentQueuePage struct {
	Page
	Items    []*accord.CommentRecord
	Counts   map[string]int
	Statuses []string
	Filter   accord.CommentFilter
	Query    url.Values
	Pager    webkit.Pager
}

func (s *Server) commentQueue(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireModerator(r.Context()); err != nil {
		return err
	}
	q := r.URL.Query()
	f := accord.CommentFilter{Status: q.Get("status"), Q: strings.TrimSpace(q.Get("q")), Page: webkit.PageNumber(r), PerPage: 50}
	if _, ok := q["status"]; !ok {
		f.Status = accord.CommentPending // the queue opens on what waits
	} else if f.Status != "" && !slices.Contains(accord.CommentStatuses, f.Status) {
		f.Status = ""
	}
	f.NewsID, _ = accord.ParseID(q.Get("news_id"))
	items, total, err := s.Store.ListComments(r.Context(), f)
	if err != nil {
		return err
	}
	counts, err := s.Store.CommentCounts(r.Context(), f.NewsID)
	if err != nil {
		return err
	}
	q.Del("page")
	q.Set("status", f.Status)
	return s.render(w, http.StatusOK, "comments", commentQueuePage{Page: s.page(w, r, "comments.queue", "comments"), Items: items, Counts: counts,
		Statuses: accord.CommentStatuses, Filter: f, Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total)})
}

// commentModerate applies one action to the ticked comments.
func (s *Server) commentModerate(w http.ResponseWriter, r *http.Request) error {
	var ids []int64
	for _, v := range r.PostForm["ids"] {
		if id, ok := accord.ParseID(v); ok {
			ids = append(ids, id)
		}
	}
	status := r.PostFormValue("action")
	back := "/app/comments?" + safeQuery(r.PostFormValue("back"))
	if len(ids) == 0 {
		return redirect(w, r, back, "comments.none_selected")
	}
	if _, err := s.Store.ModerateComments(r.Context(), ids, status); err != nil {
		return err
	}
	return redirect(w, r, back, "comments.moved."+status)
}

// safeQuery keeps a query string for a redirect back to the queue.
func safeQuery(q string) string {
	v, err := url.ParseQuery(q)
	if err != nil {
		return ""
	}
	return v.Encode()
}

type commentDetailPage struct {
	Page
	Item    *accord.CommentRecord
	Parent  *accord.CommentRecord
	Errors  map[string]string
	Reply   string // a reply being written
	OrgName string
	Public  string // the public address of the article
}

func (p commentDetailPage) fieldErrors() map[string]string { return p.Errors }

func (s *Server) commentDetailPage(w http.ResponseWriter, r *http.Request, status int, c *accord.CommentRecord, errs map[string]string, reply string) error {
	p := commentDetailPage{Page: s.page(w, r, "comments.comment", "comments"), Item: c, Errors: errs, Reply: reply}
	p.OrgName = p.Locale.T("public.site")
	p.Public = webkit.PublicPath(p.Locale.Lang, "/news/"+c.NewsSlug) + "#comment-" + strconv.FormatInt(c.ID, 10)
	if c.ParentID != nil {
		if parent, err := s.Store.GetComment(r.Context(), *c.ParentID); err == nil {
			p.Parent = parent
		}
	}
	return s.render(w, status, "comment", p)
}

func (s *Server) commentDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.GetComment(r.Context(), id)
	if err != nil {
		return err
	}
	return s.commentDetailPage(w, r, http.StatusOK, c, nil, "")
}

func (s *Server) commentEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.GetComment(r.Context(), id)
	if err != nil {
		return err
	}
	if c.Version, err = formVersion(r); err != nil {
		return err
	}
	c.Name, c.Website, c.Text = r.PostFormValue("name"), r.PostFormValue("website"), r.PostFormValue("text")
	if err := s.Store.UpdateComment(r.Context(), c); err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.commentDetailPage(w, r, http.StatusUnprocessableEntity, c, errs, "")
		})
	}
	return redirect(w, r, "/app/comments/"+strconv.FormatInt(id, 10), "common.saved")
}

func (s *Server) commentReply(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	name, text := r.PostFormValue("reply_name"), r.PostFormValue("reply_text")
	reply, err := s.Store.ReplyAsOrganization(r.Context(), id, name, text)
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			c, gerr := s.Store.GetComment(r.Context(), id)
			if gerr != nil {
				return gerr
			}
			replyErrs := map[string]string{}
			for k, v := range errs {
				replyErrs["reply_"+k] = v
			}
			return s.commentDetailPage(w, r, http.StatusUnprocessableEntity, c, replyErrs, text)
		})
	}
	return redirect(w, r, "/app/comments/"+strconv.FormatInt(reply.ID, 10), "comments.replied")
}

type commentSettingsPage struct {
	Page
	Settings  accord.CommentSettings
	Blocklist []accord.BlockedTerm
	Term      string
	Errors    map[string]string
}

func (p commentSettingsPage) fieldErrors() map[string]string { return p.Errors }

func (s *Server) renderCommentSettings(w http.ResponseWriter, r *http.Request, status int, term string, errs map[string]string) error {
	settings, err := s.Store.CommentSettings(r.Context())
	if err != nil {
		return err
	}
	terms, err := s.Store.Blocklist(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, status, "comment_settings", commentSettingsPage{Page: s.page(w, r, "comments.settings", "comments"),
		Settings: settings, Blocklist: terms, Term: term, Errors: errs})
}

func (s *Server) commentSettingsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCommentSettings(w, r, http.StatusOK, "", nil)
}

func (s *Server) commentSettingsSave(w http.ResponseWriter, r *http.Request) error {
	if err := s.Store.SetCommentSettings(r.Context(), accord.CommentSettings{AutoApproveKnown: r.PostFormValue("auto_approve_known") == "on"}); err != nil {
		return err
	}
	return redirect(w, r, "/app/comments/settings", "common.saved")
}

func (s *Server) blocklistAdd(w http.ResponseWriter, r *http.Request) error {
	term := r.PostFormValue("term")
	if _, err := s.Store.AddBlockedTerm(r.Context(), term); err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.renderCommentSettings(w, r, http.StatusUnprocessableEntity, term, errs)
		})
	}
	return redirect(w, r, "/app/comments/settings", "common.saved")
}

func (s *Server) blocklistRemove(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.RemoveBlockedTerm(r.Context(), id); err != nil {
		return err
	}
	return redirect(w, r, "/app/comments/settings", "common.deleted")
}
