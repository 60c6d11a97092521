package site

import (
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type publicPartnerPage struct {
	publicListPage
	Name    string
	Acronym string
	Website string
}

// publicPartner is the public page of a partner organization: the
// published news about records it (or an organization under it) took part
// in. An organization no public news is about has no public page.
func (s *Site) publicPartner(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	f := accord.NewsFilter{OrgID: id, Page: webkit.PageNumber(r), PerPage: publicPerPage}
	items, total, err := s.Store.ListPublicNews(r.Context(), f)
	if err != nil {
		return err
	}
	if total == 0 {
		return accord.Errorf(accord.ENOTFOUND, "There is no public cooperation with organization %d.", id)
	}
	// The name of a partner that public news is about is public too; it is
	// read as the system, since the public has no account.
	o, err := s.Store.GetOrganization(accord.WithActor(r.Context(), accord.SystemActor), id)
	if err != nil {
		return err
	}
	parts := []any{"partner", lang, id, o.Version, f.Page, total}
	for _, n := range items {
		parts = append(parts, n.ID, n.Version)
	}
	if webkit.NotModified(w, r, s.validators(parts...), o.UpdatedAt) {
		return nil
	}
	path := "/partners/" + strconv.FormatInt(id, 10)
	p := publicPartnerPage{publicListPage: publicListPage{publicPage: s.newPublicPage(r, lang, path, o.Name(lang), nil),
		Total: total, Pager: webkit.NewPager(f.Page, f.PerPage, total)}, Name: o.Name(lang), Acronym: o.Acronym, Website: o.Website}
	p.Description = p.L.T("public.partner_lead", o.Name(lang))
	for _, n := range items {
		p.Items = append(p.Items, card(n, lang))
	}
	return s.renderPublic(w, http.StatusOK, "public_partner", p)
}
