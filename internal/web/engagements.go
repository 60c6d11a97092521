package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type engagementListPage struct {
	Page
	Items     []*accord.Engagement
	Filter    accord.EngagementFilter
	Query     url.Values
	Pager     webkit.Pager
	Kinds     []string
	Orgs      []*accord.Organization
	Countries []*accord.Country
}

func engagementFilter(r *http.Request) accord.EngagementFilter {
	q := r.URL.Query()
	f := accord.EngagementFilter{Q: q.Get("q"), Kind: q.Get("kind"), Country: q.Get("country"),
		From: accord.Date(q.Get("from")), To: accord.Date(q.Get("to")), Page: webkit.PageNumber(r), PerPage: 50}
	f.OrgID, _ = accord.ParseID(q.Get("org"))
	f.PersonID, _ = accord.ParseID(q.Get("person"))
	if f.From != "" && !f.From.Valid() {
		f.From = ""
	}
	if f.To != "" && !f.To.Valid() {
		f.To = ""
	}
	return f
}

func (s *Server) engagementList(w http.ResponseWriter, r *http.Request) error {
	f := engagementFilter(r)
	if isExport(r) {
		f.Unlimited = true
		items, _, err := s.Store.ListEngagements(r.Context(), f)
		if err != nil {
			return err
		}
		rows := make([][]string, len(items))
		for i, e := range items {
			var orgs []string
			for _, o := range e.Organizations {
				orgs = append(orgs, o.Name)
			}
			rows[i] = []string{strconv.FormatInt(e.ID, 10), string(e.Date), e.DatePrecision, e.Kind, e.Title, e.City, e.Country,
				strings.Join(orgs, "; "), strings.Join(e.Topics, "; ")}
		}
		return writeTable(w, r, "engagements", []string{"id", "date", "date_precision", "kind", "title", "city", "country", "organizations", "topics"}, rows)
	}
	items, total, err := s.Store.ListEngagements(r.Context(), f)
	if err != nil {
		return err
	}
	orgs, countries, err := s.chainChoices(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	q.Del("page")
	return s.render(w, http.StatusOK, "engagements", engagementListPage{Page: s.page(w, r, "eng.list", "engagements"), Items: items, Filter: f,
		Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total), Kinds: accord.EngagementKinds, Orgs: orgs, Countries: countries})
}

type engagementPage struct {
	Page
	Engagement   *accord.Engagement
	ActionPoints []*accord.ActionPoint
	Agreements   []*accord.Agreement
	Documents    []*accord.Attachment
	Users        []*accord.User
	Orgs         []*accord.Organization
	Country      string
	Form         accord.ActionPoint
	Errors       map[string]string
	News         recordNews
}

func (s *Server) engagementDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	return s.engagementPage(w, r, http.StatusOK, id, accord.ActionPoint{Priority: "normal"}, nil)
}

// engagementPage shows an engagement with its action points and the form to add one.
func (s *Server) engagementPage(w http.ResponseWriter, r *http.Request, status int, id int64, form accord.ActionPoint, errs map[string]string) error {
	ctx := r.Context()
	e, err := s.Store.GetEngagement(ctx, id)
	if err != nil {
		return err
	}
	points, _, err := s.Store.ListActionPoints(ctx, accord.ActionPointFilter{EngagementID: id, Unlimited: true})
	if err != nil {
		return err
	}
	p := engagementPage{Page: s.page(w, r, "eng.list", "engagements"), Engagement: e, ActionPoints: points, Form: form, Errors: errs}
	if p.Agreements, _, err = s.Store.ListAgreements(ctx, accord.AgreementFilter{EngagementID: id, PerPage: 50}); err != nil {
		return err
	}
	if p.Documents, err = s.Store.Attachments(ctx, "engagement", id); err != nil {
		return err
	}
	if p.News, err = s.newsAbout(r, "engagement", id); err != nil {
		return err
	}
	p.Title = e.Title
	if p.CanWrite() {
		if p.Users, err = s.assignableUsers(r); err != nil {
			return err
		}
		if p.Orgs, _, err = s.chainChoices(r); err != nil {
			return err
		}
	}
	if e.Country != "" {
		countries, err := s.Store.Countries(ctx)
		if err != nil {
			return err
		}
		for _, c := range countries {
			if c.Code == e.Country {
				p.Country = c.Name(p.Locale.Lang)
			}
		}
	}
	return s.render(w, status, "engagement", p)
}

type engagementFormPage struct {
	Page
	Engagement *accord.Engagement
	Stored     *accord.Engagement
	Errors     map[string]string
	Kinds      []string
	Orgs       []*accord.Organization
	People     []*accord.Person
	Countries  []*accord.Country
	Selected   map[int64]bool // organizations chosen
}

func (p engagementFormPage) fieldErrors() map[string]string { return p.Errors }

func (s *Server) engagementForm(w http.ResponseWriter, r *http.Request, status int, e, stored *accord.Engagement, errs map[string]string) error {
	title := "eng.new"
	if e.ID != 0 {
		title = "eng.edit"
	}
	orgs, countries, err := s.chainChoices(r)
	if err != nil {
		return err
	}
	people, _, err := s.Store.ListPeople(r.Context(), accord.PersonFilter{Unlimited: true})
	if err != nil {
		return err
	}
	form := *e
	form.Participants = append(append([]accord.Participant{}, e.Participants...), accord.Participant{}, accord.Participant{})
	form.Sources = append(append([]accord.Source{}, e.Sources...), accord.Source{})
	selected := map[int64]bool{}
	for _, o := range e.Organizations {
		selected[o.OrgID] = true
	}
	return s.render(w, status, "engagement_form", engagementFormPage{Page: s.page(w, r, title, "engagements"), Engagement: &form, Stored: stored,
		Errors: errs, Kinds: accord.EngagementKinds, Orgs: orgs, People: people, Countries: countries, Selected: selected})
}

func (s *Server) engagementNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	e := &accord.Engagement{Kind: "meeting", DatePrecision: "day", Date: accord.Date(s.Now().Format("2006-01-02"))}
	if org, _ := accord.ParseID(r.URL.Query().Get("org")); org > 0 {
		e.Organizations = []accord.EngagementOrg{{OrgID: org}}
	}
	return s.engagementForm(w, r, http.StatusOK, e, nil, nil)
}

func (s *Server) engagementEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	e, err := s.Store.GetEngagement(r.Context(), id)
	if err != nil {
		return err
	}
	return s.engagementForm(w, r, http.StatusOK, e, nil, nil)
}

// engagementFromForm reads an engagement; blank participant and source rows are dropped.
func engagementFromForm(r *http.Request, e *accord.Engagement) error {
	f := r.PostForm
	e.Kind, e.Title, e.Date, e.DatePrecision = f.Get("kind"), f.Get("title"), accord.Date(f.Get("date")), f.Get("date_precision")
	e.City, e.Country, e.Summary, e.Outcomes = f.Get("city"), f.Get("country"), f.Get("summary"), f.Get("outcomes")
	e.Topics = strings.Split(strings.ReplaceAll(f.Get("topics"), "\r", ""), "\n")
	var p accord.Problems
	e.Organizations = nil
	for _, v := range f["org"] {
		if id, ok := accord.ParseID(v); ok {
			e.Organizations = append(e.Organizations, accord.EngagementOrg{OrgID: id})
		}
	}
	e.Participants = nil
	people, titles, orgs := f["pt_person"], f["pt_title"], f["pt_org"]
	for i, v := range people {
		if v == "" || v == "0" {
			continue
		}
		pt := accord.Participant{Title: at(titles, i)}
		var ok bool
		if pt.PersonID, ok = accord.ParseID(v); !ok {
			p.Add("participants["+strconv.Itoa(len(e.Participants))+"].person_id", "must be a record number")
		}
		pt.OrgID, _ = accord.ParseID(at(orgs, i))
		e.Participants = append(e.Participants, pt)
	}
	e.Sources = nil
	stitles, surls := f["src_title"], f["src_url"]
	for i := range stitles {
		e.Sources = append(e.Sources, accord.Source{Title: at(stitles, i), URL: at(surls, i)})
	}
	return p.Err()
}

func (s *Server) engagementCreate(w http.ResponseWriter, r *http.Request) error {
	e := &accord.Engagement{}
	err := engagementFromForm(r, e)
	if err == nil {
		err = s.Store.CreateEngagement(r.Context(), e)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.engagementForm(w, r, http.StatusBadRequest, e, nil, errs)
		})
	}
	return redirect(w, r, "/app/engagements/"+strconv.FormatInt(e.ID, 10), "common.created")
}

func (s *Server) engagementUpdate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	e := &accord.Engagement{ID: id, Version: version}
	err = engagementFromForm(r, e)
	if err == nil {
		err = s.Store.UpdateEngagement(r.Context(), e)
	}
	return answerEdit(s, w, r, err, "/app/engagements/", id, s.Store.GetEngagement, func(status int, stored *accord.Engagement, errs map[string]string) error {
		if stored != nil {
			e.Version = stored.Version
		}
		return s.engagementForm(w, r, status, e, stored, errs)
	})
}
