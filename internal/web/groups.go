package web

import (
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

type groupsPage struct {
	Page
	Groups    []*accord.CountryGroup
	Countries map[string]*accord.Country
	Form      accord.CountryGroup
	Members   string
	Errors    map[string]string
}

func (s *Server) groupsPage(w http.ResponseWriter, r *http.Request, status int, form accord.CountryGroup, members string, errs map[string]string) error {
	groups, err := s.Store.ListCountryGroups(r.Context())
	if err != nil {
		return err
	}
	countries, err := s.Store.Countries(r.Context())
	if err != nil {
		return err
	}
	byCode := make(map[string]*accord.Country, len(countries))
	for _, c := range countries {
		byCode[c.Code] = c
	}
	return s.render(w, status, "groups", groupsPage{Page: s.page(w, r, "groups.title", "groups"), Groups: groups, Countries: byCode,
		Form: form, Members: members, Errors: errs})
}

func (s *Server) groupList(w http.ResponseWriter, r *http.Request) error {
	return s.groupsPage(w, r, http.StatusOK, accord.CountryGroup{}, "", nil)
}

func (s *Server) groupCreate(w http.ResponseWriter, r *http.Request) error {
	members := r.PostFormValue("members")
	g := accord.CountryGroup{Code: r.PostFormValue("code"), NameEN: r.PostFormValue("name_en"), NameFR: r.PostFormValue("name_fr"),
		NameAR: r.PostFormValue("name_ar"), Members: strings.FieldsFunc(members, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\n' || r == '\r' })}
	if err := s.Store.CreateCountryGroup(r.Context(), &g); err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.groupsPage(w, r, http.StatusBadRequest, g, members, errs)
		})
	}
	return redirect(w, r, "/app/country-groups", "common.created")
}
