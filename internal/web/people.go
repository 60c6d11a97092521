package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type personListPage struct {
	Page
	Items  []*accord.Person
	Filter accord.PersonFilter
	Query  url.Values
	Pager  webkit.Pager
	Sorts  []string
	Today  string
}

func (s *Server) personList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.PersonFilter{Q: q.Get("q"), Sort: q.Get("sort"), Page: webkit.PageNumber(r), PerPage: 50}
	f.OrgID, _ = accord.ParseID(q.Get("org"))
	if !slices.Contains(accord.PersonSorts, f.Sort) {
		f.Sort = "name"
	}
	if q.Get("archived") == "1" {
		yes := true
		f.Archived = &yes
	}
	if isExport(r) {
		f.Unlimited = true
		items, _, err := s.Store.ListPeople(r.Context(), f)
		if err != nil {
			return err
		}
		rows := make([][]string, len(items))
		for i, p := range items {
			var pos []string
			for _, x := range p.Positions {
				pos = append(pos, x.Title+" ("+x.OrgName+")")
			}
			rows[i] = []string{strconv.FormatInt(p.ID, 10), p.Honorific, p.Name, p.Email, p.Phone, strings.Join(pos, "; "), strconv.FormatBool(p.Archived)}
		}
		return writeTable(w, r, "people", []string{"id", "honorific", "name", "email", "phone", "positions", "archived"}, rows)
	}
	items, total, err := s.Store.ListPeople(r.Context(), f)
	if err != nil {
		return err
	}
	q.Del("page")
	return s.render(w, http.StatusOK, "people", personListPage{Page: s.page(w, r, "people.list", "people"),
		Items: items, Filter: f, Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total), Sorts: accord.PersonSorts, Today: s.Now().Format("2006-01-02")})
}

type personDetailPage struct {
	Page
	Person      *accord.Person
	Engagements []*accord.Engagement
	Today       string
}

func (s *Server) personDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	p, err := s.Store.GetPerson(r.Context(), id)
	if err != nil {
		return err
	}
	page := personDetailPage{Page: s.page(w, r, "people.list", "people"), Person: p, Today: s.Now().Format("2006-01-02")}
	if page.Engagements, _, err = s.Store.ListEngagements(r.Context(), accord.EngagementFilter{PersonID: id, PerPage: 50}); err != nil {
		return err
	}
	page.Title = p.Name
	return s.render(w, http.StatusOK, "person", page)
}

type personFormPage struct {
	Page
	Person *accord.Person
	Stored *accord.Person
	Errors map[string]string
	Orgs   []*accord.Organization
}

func (s *Server) personForm(w http.ResponseWriter, r *http.Request, status int, p, stored *accord.Person, errs map[string]string) error {
	title := "people.new"
	if p.ID != 0 {
		title = "people.edit"
	}
	orgs, _, err := s.Store.ListOrganizations(r.Context(), accord.OrganizationFilter{Unlimited: true})
	if err != nil {
		return err
	}
	// Two blank rows let the user add positions without JavaScript.
	form := *p
	form.Positions = append(slices.Clone(p.Positions), accord.Position{}, accord.Position{})
	return s.render(w, status, "person_form", personFormPage{Page: s.page(w, r, title, "people"), Person: &form, Stored: stored, Errors: errs, Orgs: orgs})
}

func (s *Server) personNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	return s.personForm(w, r, http.StatusOK, &accord.Person{}, nil, nil)
}

func (s *Server) personEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	p, err := s.Store.GetPerson(r.Context(), id)
	if err != nil {
		return err
	}
	return s.personForm(w, r, http.StatusOK, p, nil, nil)
}

// personFromForm reads a person and the rows of the positions table; rows
// left without title and organization are dropped.
func personFromForm(r *http.Request, p *accord.Person) error {
	if err := r.ParseForm(); err != nil {
		return accord.Errorf(accord.EINVALID, "The form could not be read: %v", err)
	}
	f := r.PostForm
	p.Name, p.Honorific, p.Email, p.Phone, p.Notes = f.Get("name"), f.Get("honorific"), f.Get("email"), f.Get("phone"), f.Get("notes")
	titles, orgs, froms, tos := f["pos_title"], f["pos_org"], f["pos_from"], f["pos_to"]
	var pr accord.Problems
	p.Positions = nil
	for i := range titles {
		at := func(vs []string) string {
			if i < len(vs) {
				return strings.TrimSpace(vs[i])
			}
			return ""
		}
		title, org := at(titles), at(orgs)
		if title == "" && (org == "" || org == "0") {
			continue
		}
		pos := accord.Position{Title: title, From: accord.Date(at(froms)), To: accord.Date(at(tos))}
		if org != "" {
			id, ok := accord.ParseID(org)
			if !ok {
				pr.Add("positions["+strconv.Itoa(len(p.Positions))+"].org_id", "must be a record number")
			}
			pos.OrgID = id
		}
		p.Positions = append(p.Positions, pos)
	}
	return pr.Err()
}

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) error {
	p := &accord.Person{}
	err := personFromForm(r, p)
	if err == nil {
		err = s.Store.CreatePerson(r.Context(), p)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.personForm(w, r, http.StatusBadRequest, p, nil, errs)
		})
	}
	return redirect(w, r, "/app/people/"+strconv.FormatInt(p.ID, 10), "common.created")
}

func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	p := &accord.Person{ID: id, Version: version}
	err = personFromForm(r, p)
	if err == nil {
		err = s.Store.UpdatePerson(r.Context(), p)
	}
	return answerEdit(s, w, r, err, "/app/people/", id, s.Store.GetPerson, func(status int, stored *accord.Person, errs map[string]string) error {
		if stored != nil {
			p.Version = stored.Version
		}
		return s.personForm(w, r, status, p, stored, errs)
	})
}

func (s *Server) personArchive(w http.ResponseWriter, r *http.Request) error {
	return s.archive(w, r, "/app/people/", func(ctx context.Context, id int64, version int, archived bool) error {
		_, err := s.Store.ArchivePerson(ctx, id, version, archived)
		return err
	})
}
