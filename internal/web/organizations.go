package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type orgListPage struct {
	Page
	Items     []*accord.Organization
	Filter    accord.OrganizationFilter
	Query     url.Values
	Pager     webkit.Pager
	Types     []*accord.Code
	Countries []*accord.Country
	Sorts     []string
}

func orgFilter(r *http.Request) accord.OrganizationFilter {
	q := r.URL.Query()
	f := accord.OrganizationFilter{Q: q.Get("q"), Type: q.Get("type"), Country: q.Get("country"), Sort: q.Get("sort"), Page: webkit.PageNumber(r), PerPage: 50}
	if !slices.Contains(accord.OrganizationSorts, f.Sort) {
		f.Sort = "name"
	}
	if q.Get("archived") == "1" {
		yes := true
		f.Archived = &yes
	}
	f.ParentID, _ = accord.ParseID(q.Get("parent"))
	return f
}

func (s *Server) organizationList(w http.ResponseWriter, r *http.Request) error {
	f := orgFilter(r)
	if isExport(r) {
		return s.organizationCSV(w, r, f)
	}
	items, total, err := s.Store.ListOrganizations(r.Context(), f)
	if err != nil {
		return err
	}
	types, countries, err := s.orgChoices(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	q.Del("page")
	return s.render(w, http.StatusOK, "organizations", orgListPage{Page: s.page(w, r, "org.list", "organizations"),
		Items: items, Filter: f, Query: q, Pager: webkit.NewPager(f.Page, f.PerPage, total), Types: types, Countries: countries, Sorts: accord.OrganizationSorts})
}

func (s *Server) organizationCSV(w http.ResponseWriter, r *http.Request, f accord.OrganizationFilter) error {
	f.Unlimited = true
	items, _, err := s.Store.ListOrganizations(r.Context(), f)
	if err != nil {
		return err
	}
	rows := make([][]string, len(items))
	for i, o := range items {
		rows[i] = []string{strconv.FormatInt(o.ID, 10), o.NameEN, o.NameFR, o.NameAR, o.Acronym, o.Type, o.IATIID, o.HQCountry,
			idString(o.ParentID), o.Website, strconv.FormatBool(o.Archived), o.UpdatedAt.Format("2006-01-02T15:04:05Z")}
	}
	return writeTable(w, r, "organizations", []string{"id", "name_en", "name_fr", "name_ar", "acronym", "type", "iati_id", "hq_country", "parent_id", "website", "archived", "updated_at"}, rows)
}

func idString(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func (s *Server) orgChoices(r *http.Request) ([]*accord.Code, []*accord.Country, error) {
	types, err := s.Store.Codes(r.Context(), accord.ListOrgTypes)
	if err != nil {
		return nil, nil, err
	}
	countries, err := s.Store.Countries(r.Context())
	return types, countries, err
}

type orgDetailPage struct {
	Page
	Engagements  []*accord.Engagement
	ActionPoints []*accord.ActionPoint
	Agreements   []*accord.Agreement
	Activities   []*accord.Activity
	Org          *accord.Organization
	Parent       *accord.Organization
	Children     []*accord.Organization
	People       []*accord.Person
	TypeName     string
	Country      string
	CanChange    bool
}

// orgPageRows is how many rows of each list an organization's page shows.
const orgPageRows = 20

// More reports whether a list on the page may have more rows than it shows.
func (orgDetailPage) More(n int) bool { return n >= orgPageRows }

func (s *Server) organizationDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	o, err := s.Store.GetOrganization(ctx, id)
	if err != nil {
		return err
	}
	p := orgDetailPage{Page: s.page(w, r, "org.list", "organizations"), Org: o}
	p.Title = o.Name(p.Locale.Lang)
	if o.ParentID != nil {
		p.Parent, _ = s.Store.GetOrganization(ctx, *o.ParentID) // a partner may not see the parent
	}
	// The page shows the first rows of each list, with a link to the whole
	// list where there may be more; it does not count them all.
	if p.Children, _, err = s.Store.ListOrganizations(ctx, accord.OrganizationFilter{ParentID: id, PerPage: orgPageRows, NoCount: true}); err != nil {
		return err
	}
	if p.People, _, err = s.Store.ListPeople(ctx, accord.PersonFilter{OrgID: id, PerPage: orgPageRows, NoCount: true}); err != nil {
		return err
	}
	if p.Engagements, _, err = s.Store.ListEngagements(ctx, accord.EngagementFilter{OrgID: id, PerPage: orgPageRows, NoCount: true}); err != nil {
		return err
	}
	if p.Agreements, _, err = s.Store.ListAgreements(ctx, accord.AgreementFilter{OrgID: id, PerPage: orgPageRows, NoCount: true}); err != nil {
		return err
	}
	if p.Activities, _, err = s.Store.ListActivities(ctx, accord.ActivityFilter{OrgID: id, PerPage: orgPageRows, NoCount: true}); err != nil {
		return err
	}
	if p.ActionPoints, _, err = s.Store.ListActionPoints(ctx, accord.ActionPointFilter{OrgID: id, Status: accord.APOpen, PerPage: orgPageRows, NoCount: true}); err != nil {
		return err
	}
	types, countries, err := s.orgChoices(r)
	if err != nil {
		return err
	}
	for _, t := range types {
		if t.Code == o.Type {
			p.TypeName = t.Name(p.Locale.Lang)
		}
	}
	for _, c := range countries {
		if c.Code == o.HQCountry {
			p.Country = c.Name(p.Locale.Lang)
		}
	}
	return s.render(w, http.StatusOK, "organization", p)
}

type orgFormPage struct {
	Page
	Org       *accord.Organization
	Stored    *accord.Organization // the stored record, after a conflict
	Errors    map[string]string
	Types     []*accord.Code
	Countries []*accord.Country
	Parents   []*accord.Organization
}

func (s *Server) orgForm(w http.ResponseWriter, r *http.Request, status int, o, stored *accord.Organization, errs map[string]string) error {
	title := "org.new"
	if o.ID != 0 {
		title = "org.edit"
	}
	types, countries, err := s.orgChoices(r)
	if err != nil {
		return err
	}
	parents, _, err := s.Store.ListOrganizations(r.Context(), accord.OrganizationFilter{Unlimited: true})
	if err != nil {
		return err
	}
	return s.render(w, status, "organization_form", orgFormPage{Page: s.page(w, r, title, "organizations"),
		Org: o, Stored: stored, Errors: errs, Types: types, Countries: countries, Parents: parents})
}

func (s *Server) organizationNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	return s.orgForm(w, r, http.StatusOK, &accord.Organization{Type: "40"}, nil, nil)
}

func (s *Server) organizationEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	o, err := s.Store.GetOrganization(r.Context(), id)
	if err != nil {
		return err
	}
	return s.orgForm(w, r, http.StatusOK, o, nil, nil)
}

// orgFromForm reads the organization fields of a form.
func orgFromForm(r *http.Request, o *accord.Organization) error {
	var p accord.Problems
	o.NameEN, o.NameFR, o.NameAR = r.PostFormValue("name_en"), r.PostFormValue("name_fr"), r.PostFormValue("name_ar")
	o.Acronym, o.Type, o.IATIID = r.PostFormValue("acronym"), r.PostFormValue("type"), r.PostFormValue("iati_id")
	o.HQCountry, o.Website = r.PostFormValue("hq_country"), r.PostFormValue("website")
	o.ParentID = formID(r, "parent_id", &p)
	return p.Err()
}

func (s *Server) organizationCreate(w http.ResponseWriter, r *http.Request) error {
	o := &accord.Organization{}
	err := orgFromForm(r, o)
	if err == nil {
		err = s.Store.CreateOrganization(r.Context(), o)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.orgForm(w, r, http.StatusBadRequest, o, nil, errs)
		})
	}
	return redirect(w, r, "/app/organizations/"+strconv.FormatInt(o.ID, 10), "common.created")
}

func (s *Server) organizationUpdate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	o := &accord.Organization{ID: id, Version: version}
	err = orgFromForm(r, o)
	if err == nil {
		err = s.Store.UpdateOrganization(r.Context(), o)
	}
	return answerEdit(s, w, r, err, "/app/organizations/", id, s.Store.GetOrganization, func(status int, stored *accord.Organization, errs map[string]string) error {
		if stored != nil {
			o.Version = stored.Version
		}
		return s.orgForm(w, r, status, o, stored, errs)
	})
}

func (s *Server) organizationArchive(w http.ResponseWriter, r *http.Request) error {
	return s.archive(w, r, "/app/organizations/", func(ctx context.Context, id int64, version int, archived bool) error {
		_, err := s.Store.ArchiveOrganization(ctx, id, version, archived)
		return err
	})
}
