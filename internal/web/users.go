package web

import (
	"net/http"
	"net/url"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
	"github.com/accordhq/accord/internal/web/webkit"
)

type usersPage struct {
	Page
	Users  []*accord.User
	Roles  []accord.Role
	Orgs   []*accord.Organization
	Form   accord.User
	Errors map[string]string
	Query  url.Values
	Pager  webkit.Pager
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, status int, form accord.User, errs map[string]string) error {
	ctx := r.Context()
	page := webkit.PageNumber(r)
	users, total, err := s.Store.ListUsers(ctx, accord.UserFilter{Q: r.URL.Query().Get("q"), Page: page, PerPage: 100})
	if err != nil {
		return err
	}
	orgs, _, err := s.Store.ListOrganizations(ctx, accord.OrganizationFilter{Unlimited: true})
	if err != nil {
		return err
	}
	q := r.URL.Query()
	q.Del("page")
	return s.render(w, status, "users", usersPage{Page: s.page(w, r, "users.title", "users"), Users: users, Roles: accord.Roles, Orgs: orgs,
		Form: form, Errors: errs, Query: q, Pager: webkit.NewPager(page, 100, total)})
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) error {
	return s.usersPage(w, r, http.StatusOK, accord.User{Role: accord.RoleOfficer}, nil)
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireAdmin(r.Context()); err != nil {
		return err
	}
	var p accord.Problems
	u := accord.User{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"), Role: accord.Role(r.PostFormValue("role"))}
	u.OrgID = formID(r, "org_id", &p)
	password := r.PostFormValue("password")
	if err := auth.CheckPasswordRules(password, u.Email, u.Name); err != nil {
		p.Add("password", "%s", err.Error())
	}
	err := p.Err()
	if err == nil {
		var hash string
		if hash, err = auth.HashPassword(password); err != nil {
			return err
		}
		err = s.Store.CreateUser(r.Context(), &u, hash)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.usersPage(w, r, http.StatusBadRequest, u, errs)
		})
	}
	return redirect(w, r, "/app/users", "common.created")
}
