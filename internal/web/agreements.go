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

type agreementListPage struct {
	Page
	Items    []*accord.Agreement
	Filter   accord.AgreementFilter
	Query    url.Values
	Pager    webkit.Pager
	Kinds    []string
	Statuses []string
	Orgs     []*accord.Organization
}

func (s *Server) agreementList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := accord.AgreementFilter{Q: q.Get("q"), Kind: q.Get("kind"), Status: q.Get("status"), Page: webkit.PageNumber(r), PerPage: 50}
	f.OrgID, _ = accord.ParseID(q.Get("org"))
	f.ExpiringDays, _ = strconv.Atoi(q.Get("expiring"))
	if !slices.Contains(accord.AgreementStatuses, f.Status) {
		f.Status = ""
	}
	if isExport(r) {
		f.Unlimited = true
		items, _, err := s.Store.ListAgreements(r.Context(), f)
		if err != nil {
			return err
		}
		rows := make([][]string, len(items))
		for i, g := range items {
			var parties []string
			for _, p := range g.Parties {
				parties = append(parties, p.OrgName)
			}
			rows[i] = []string{strconv.FormatInt(g.ID, 10), g.Kind, g.Title, g.Status, strings.Join(parties, "; "), string(g.EffectiveDate),
				string(g.ExpiryDate), strconv.Itoa(g.NoticeDays), strconv.FormatBool(g.AutoRenewal)}
		}
		return writeTable(w, r, "agreements", []string{"id", "kind", "title", "status", "parties", "effective_date", "expiry_date", "notice_days", "auto_renewal"}, rows)
	}
	items, total, err := s.Store.ListAgreements(r.Context(), f)
	if err != nil {
		return err
	}
	orgs, _, err := s.chainChoices(r)
	if err != nil {
		return err
	}
	q.Del("page")
	return s.render(w, http.StatusOK, "agreements", agreementListPage{Page: s.page(w, r, "ag.list", "agreements"), Items: items, Filter: f, Query: q,
		Pager: webkit.NewPager(f.Page, f.PerPage, total), Kinds: accord.AgreementKinds, Statuses: accord.AgreementStatuses, Orgs: orgs})
}

type agreementPage struct {
	Page
	Agreement *accord.Agreement
	History   []*accord.AuditEntry
	Errors    map[string]string
	Others    []*accord.Agreement // candidates to supersede it
	Plans     []*accord.Plan
	Documents []*accord.Attachment
	Amendable bool
	News      recordNews
}

// NeedsDetails reports whether a possible move asks for a date, reason or successor.
func (p agreementPage) NeedsDetails() bool {
	moves := p.Agreement.Moves()
	return slices.Contains(moves, accord.AgTerminated) || slices.Contains(moves, accord.AgSuperseded)
}

func (s *Server) agreementDetail(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	return s.agreementPage(w, r, http.StatusOK, id, nil)
}

func (s *Server) agreementPage(w http.ResponseWriter, r *http.Request, status int, id int64, errs map[string]string) error {
	ctx := r.Context()
	g, err := s.Store.GetAgreement(ctx, id)
	if err != nil {
		return err
	}
	p := agreementPage{Page: s.page(w, r, "ag.list", "agreements"), Agreement: g, Errors: errs,
		Amendable: g.Signed()}
	p.Title = g.Title
	if p.History, err = s.Store.AgreementHistory(ctx, id); err != nil {
		return err
	}
	if p.Plans, _, err = s.Store.ListPlans(ctx, accord.PlanFilter{AgreementID: id, PerPage: 50}); err != nil {
		return err
	}
	if p.Documents, err = s.Store.Attachments(ctx, "agreement", id); err != nil {
		return err
	}
	if p.News, err = s.newsAbout(r, "agreement", id); err != nil {
		return err
	}
	if p.CanWrite() && slices.Contains(g.Moves(), accord.AgSuperseded) {
		if p.Others, _, err = s.Store.ListAgreements(ctx, accord.AgreementFilter{PerPage: 200}); err != nil {
			return err
		}
		p.Others = slices.DeleteFunc(p.Others, func(o *accord.Agreement) bool { return o.ID == id })
	}
	return s.render(w, status, "agreement", p)
}

type agreementFormPage struct {
	Page
	Agreement   *accord.Agreement
	Errors      map[string]string
	Kinds       []string
	Orgs        []*accord.Organization
	Engagements []*accord.Engagement
	Signed      bool // parties and signatures are fixed
}

func (p agreementFormPage) fieldErrors() map[string]string { return p.Errors }

func (s *Server) agreementForm(w http.ResponseWriter, r *http.Request, status int, g *accord.Agreement, errs map[string]string) error {
	title := "ag.new"
	if g.ID != 0 {
		title = "ag.edit"
	}
	orgs, _, err := s.chainChoices(r)
	if err != nil {
		return err
	}
	engagements, _, err := s.Store.ListEngagements(r.Context(), accord.EngagementFilter{PerPage: 200})
	if err != nil {
		return err
	}
	form := *g
	if !g.Signed() {
		form.Parties = append(append([]accord.AgreementParty{}, g.Parties...), accord.AgreementParty{}, accord.AgreementParty{})
	}
	return s.render(w, status, "agreement_form", agreementFormPage{Page: s.page(w, r, title, "agreements"), Agreement: &form, Errors: errs,
		Kinds: accord.AgreementKinds, Orgs: orgs, Engagements: engagements, Signed: g.Signed()})
}

func (s *Server) agreementNew(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	g := &accord.Agreement{Kind: "mou", Status: accord.AgDraft}
	if id, _ := accord.ParseID(r.URL.Query().Get("engagement")); id > 0 {
		g.EngagementID = &id
		if e, err := s.Store.GetEngagement(r.Context(), id); err == nil {
			for _, o := range e.Organizations {
				g.Parties = append(g.Parties, accord.AgreementParty{OrgID: o.OrgID})
			}
		}
	}
	return s.agreementForm(w, r, http.StatusOK, g, nil)
}

func (s *Server) agreementEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	g, err := s.Store.GetAgreement(r.Context(), id)
	if err != nil {
		return err
	}
	return s.agreementForm(w, r, http.StatusOK, g, nil)
}

// agreementFromForm reads an agreement; party rows without an organization are dropped.
func agreementFromForm(r *http.Request, g *accord.Agreement) error {
	var p accord.Problems
	f := r.PostForm
	g.Kind, g.Title, g.Summary = f.Get("kind"), f.Get("title"), f.Get("summary")
	g.EffectiveDate, g.ExpiryDate = accord.Date(f.Get("effective_date")), accord.Date(f.Get("expiry_date"))
	g.AutoRenewal = f.Get("auto_renewal") == "1"
	if v := strings.TrimSpace(f.Get("notice_days")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			p.Add("notice_days", "must be a whole number of days")
		}
		g.NoticeDays = n
	}
	g.EngagementID = formID(r, "engagement_id", &p)
	if _, ok := f["party_org"]; ok {
		g.Parties = nil
		orgs, signatories, dates := f["party_org"], f["party_signatory"], f["party_signed_on"]
		for i, v := range orgs {
			id, ok := accord.ParseID(v)
			if !ok {
				continue
			}
			g.Parties = append(g.Parties, accord.AgreementParty{OrgID: id, Signatory: at(signatories, i), SignedOn: accord.Date(at(dates, i))})
		}
	}
	return p.Err()
}

func (s *Server) agreementCreate(w http.ResponseWriter, r *http.Request) error {
	g := &accord.Agreement{Status: accord.AgDraft}
	err := agreementFromForm(r, g)
	if err == nil {
		err = s.Store.CreateAgreement(r.Context(), g)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			return s.agreementForm(w, r, http.StatusBadRequest, g, errs)
		})
	}
	return redirect(w, r, "/app/agreements/"+strconv.FormatInt(g.ID, 10), "common.created")
}

func (s *Server) agreementUpdate(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	stored, err := s.Store.GetAgreement(r.Context(), id)
	if err != nil {
		return err
	}
	g := &accord.Agreement{ID: id, Version: version, Status: stored.Status, Parties: stored.Parties}
	err = agreementFromForm(r, g)
	if err == nil {
		err = s.Store.UpdateAgreement(r.Context(), g)
	}
	if err != nil {
		return s.refused(r, err, func(errs map[string]string) error {
			if accord.ErrorCode(err) == accord.ECONFLICT {
				errs = map[string]string{"": webkit.Language(r).T("form.conflict")}
				g.Version = stored.Version
			}
			return s.agreementForm(w, r, refusalStatus(err), g, errs)
		})
	}
	return redirect(w, r, "/app/agreements/"+strconv.FormatInt(id, 10), "common.saved")
}

// agreementMove applies a status change from the agreement's page.
func (s *Server) agreementMove(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	var p accord.Problems
	c := accord.StatusChange{To: r.PostFormValue("status"), Date: accord.Date(r.PostFormValue("date")), Reason: r.PostFormValue("reason"),
		SupersededBy: formID(r, "superseded_by", &p)}
	err = p.Err()
	if err == nil {
		_, err = s.Store.TransitionAgreement(r.Context(), id, version, c)
	}
	if err != nil {
		return s.agreementRefused(w, r, id, err)
	}
	return redirect(w, r, "/app/agreements/"+strconv.FormatInt(id, 10), "common.saved")
}

// agreementRefused shows the agreement again with why a change was refused.
func (s *Server) agreementRefused(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	return s.refused(r, err, func(errs map[string]string) error {
		errs = s.conflictMessage(r, err, "form.conflict_status", errs)
		return s.agreementPage(w, r, refusalStatus(err), id, errs)
	})
}

func (s *Server) agreementAmend(w http.ResponseWriter, r *http.Request) error {
	id, version, err := pathVersion(r)
	if err != nil {
		return err
	}
	m := accord.Amendment{Date: accord.Date(r.PostFormValue("date")), Changes: r.PostFormValue("changes"), Reason: r.PostFormValue("reason")}
	if _, err := s.Store.AmendAgreement(r.Context(), id, version, m); err != nil {
		return s.agreementRefused(w, r, id, err)
	}
	return redirect(w, r, "/app/agreements/"+strconv.FormatInt(id, 10)+"#amendments", "common.saved")
}
