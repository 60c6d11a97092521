package web

import (
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// newsFormPage is the form to write or edit a news item.
type newsFormPage struct {
	Page
	Item      *accord.NewsItem
	Texts     []newsText // one per language, empty where not written
	Publish   string     // draft, now or schedule
	PublishAt string     // datetime-local, UTC
	Tags      string
	LinkIDs   map[string]string // entity → "12, 14"
	Errors    map[string]string
	Previews  []newsPreview // after "Preview"
}

func (p newsFormPage) fieldErrors() map[string]string { return p.Errors }

// newsText is one language's section of the form.
type newsText struct {
	Lang, Dir string
	accord.NewsTranslation
}

const datetimeLocal = "2006-01-02T15:04"

func (s *Server) newsForm(w http.ResponseWriter, r *http.Request, status int, n *accord.NewsItem, errs map[string]string, preview bool) error {
	title := "news.new"
	if n.ID != 0 {
		title = "news.edit"
	}
	p := newsFormPage{Page: s.page(w, r, title, "news"), Item: n, Errors: errs, Tags: strings.Join(n.Tags, ", "), LinkIDs: map[string]string{}}
	for _, lang := range accord.Languages {
		t, _ := n.In(lang)
		t.Lang = lang
		dir := "ltr"
		if lang == "ar" {
			dir = "rtl"
		}
		p.Texts = append(p.Texts, newsText{Lang: lang, Dir: dir, NewsTranslation: t})
	}
	switch n.Status {
	case accord.NewsPublished:
		p.Publish = "now"
	case accord.NewsScheduled:
		p.Publish = "schedule"
	default:
		p.Publish = "draft"
	}
	if n.PublishAt != nil {
		p.PublishAt = n.PublishAt.UTC().Format(datetimeLocal)
	}
	for _, l := range n.Links {
		if p.LinkIDs[l.Entity] != "" {
			p.LinkIDs[l.Entity] += ", "
		}
		p.LinkIDs[l.Entity] += strconv.FormatInt(l.EntityID, 10)
	}
	if preview {
		p.Previews = previews(n)
	}
	return s.render(w, status, "news_form", p)
}

func (s *Server) newsNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireNewsEditor(r.Context()); err != nil {
		return err
	}
	n := &accord.NewsItem{Status: accord.NewsDraft}
	// "Write news about this" on a record's page names the record.
	for _, kind := range accord.NewsLinkKinds {
		if id, _ := accord.ParseID(r.URL.Query().Get(kind)); id > 0 {
			n.Links = append(n.Links, accord.NewsLink{Entity: kind, EntityID: id})
		}
	}
	return s.newsForm(w, r, http.StatusOK, n, nil, false)
}

func (s *Server) newsEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireNewsEditor(r.Context()); err != nil {
		return err
	}
	n, err := s.Store.GetNews(r.Context(), id)
	if err != nil {
		return err
	}
	return s.newsForm(w, r, http.StatusOK, n, nil, false)
}

// newsFromForm reads the form into n, and the lead image if one was sent.
// Problems of the form itself (a bad number, time or file) are returned as
// field problems, so that the form comes back with what was typed.
func newsFromForm(r *http.Request, n *accord.NewsItem, p *accord.Problems) (image *accord.Attachment, data []byte) {
	f := r.PostForm
	n.Slug = strings.TrimSpace(f.Get("slug"))
	n.Tags = strings.Split(f.Get("tags"), ",")
	n.Translations = nil
	for _, lang := range accord.Languages {
		n.Translations = append(n.Translations, accord.NewsTranslation{Lang: lang, Title: f.Get("title_" + lang),
			Summary: f.Get("summary_" + lang), Body: strings.ReplaceAll(f.Get("body_"+lang), "\r\n", "\n"), ImageAlt: f.Get("image_alt_" + lang)})
	}
	if n.Slug == "" {
		for _, t := range n.Translations {
			if n.Slug = accord.Slugify(t.Title); n.Slug != "" {
				break
			}
		}
	}
	n.PublishAt = nil
	switch f.Get("publish") {
	case "now":
		n.Status = accord.NewsPublished
		if v := f.Get("published_at"); v != "" { // an item already public keeps its date
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				n.PublishAt = &t
			}
		}
	case "schedule":
		n.Status = accord.NewsScheduled
		if v := strings.TrimSpace(f.Get("publish_at")); v != "" {
			t, err := time.Parse(datetimeLocal, v)
			if err != nil {
				p.Add("publish_at", "must be a date and time such as 2022-07-25T09:00")
			} else {
				n.PublishAt = &t
			}
		}
	default:
		n.Status = accord.NewsDraft
	}
	n.Links = nil
	for _, kind := range accord.NewsLinkKinds {
		for _, v := range strings.FieldsFunc(f.Get("link_"+kind), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
			id, ok := accord.ParseID(strings.TrimPrefix(v, "#"))
			if !ok {
				p.Add("link_"+kind, "must list record numbers separated by commas")
				continue
			}
			n.Links = append(n.Links, accord.NewsLink{Entity: kind, EntityID: id})
		}
	}
	if v := f.Get("image_id"); v != "" && f.Get("remove_image") == "" {
		if id, ok := accord.ParseID(v); ok {
			n.ImageID = &id
		}
	} else {
		n.ImageID = nil
	}
	file, header, err := r.FormFile("image")
	if err != nil {
		return nil, nil // no file chosen
	}
	defer file.Close()
	data, err = io.ReadAll(io.LimitReader(file, webkit.MaxUploadBytes+1))
	switch {
	case err != nil:
		p.Add("image", "could not be read; send it again")
	case len(data) == 0:
		// an empty file input
	case len(data) > webkit.MaxUploadBytes:
		p.Add("image", "is too large (the limit is 10 MiB)")
	default:
		kind := http.DetectContentType(data)
		if !strings.HasPrefix(kind, "image/") || !accord.KeptType(kind) {
			p.Add("image", "must be a PNG, JPEG, GIF or WebP image")
			break
		}
		name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
		return &accord.Attachment{Filename: accord.SafeFilename(name, kind), ContentType: kind}, data
	}
	return nil, nil
}

// newsSave creates (POST /app/news) or updates (POST /app/news/{id}) a news
// item; the "preview" button shows the rendered text without saving.
func (s *Server) newsSave(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireNewsEditor(r.Context()); err != nil {
		return err
	}
	n := &accord.NewsItem{}
	if r.PathValue("id") != "" {
		id, err := webkit.PathID(r)
		if err != nil {
			return err
		}
		if n.Version, err = formVersion(r); err != nil {
			return err
		}
		n.ID = id
	}
	var p accord.Problems
	image, data := newsFromForm(r, n, &p)
	formLinks := n.Links
	var err error
	switch {
	case len(p) > 0:
		// Report the other fields too, after the form's own problems.
		err = append(p, accord.ErrorFields(n.Validate())...).Err()
	case r.PostFormValue("action") == "preview":
		verr := n.Validate()
		errs, _ := webkit.FormErrors(webkit.Language(r), verr)
		n.Links = formLinks
		return s.newsForm(w, r, http.StatusOK, n, errs, true)
	case n.ID == 0:
		err = s.Store.CreateNews(r.Context(), n)
	default:
		err = s.Store.UpdateNews(r.Context(), n)
	}
	if err == nil && image != nil {
		err = s.Store.SetNewsImage(r.Context(), n.ID, n.Version, image, data)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			if accord.ErrorCode(err) == accord.ECONFLICT && n.ID != 0 {
				if stored, gerr := s.Store.GetNews(r.Context(), n.ID); gerr == nil {
					n.Version = stored.Version
				}
			}
			if len(n.Links) == 0 {
				n.Links = formLinks
			}
			status := http.StatusBadRequest
			if accord.ErrorCode(err) == accord.ECONFLICT {
				status = http.StatusConflict
			}
			return s.newsForm(w, r, status, n, errs, false)
		})
	}
	return redirect(w, r, "/app/news/"+strconv.FormatInt(n.ID, 10), "common.saved")
}
