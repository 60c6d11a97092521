package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// The funding dashboards: a handler reads the filters and the store's
// funding version, takes the reports it shows from the one cache of
// funding figures (fundingcache.go), lays out the page (fundingpage.go)
// and renders it.

// fundingOverview is the leadership dashboard: totals, the table by
// country, and every chart, with the map.
func (s *Server) fundingOverview(w http.ResponseWriter, r *http.Request) error {
	return s.fundingDashboard(w, r, "")
}

// fundingBy is the table by one breakdown (country, partner, sector, plan,
// appeal, year) with its bar chart, as a page or a file (?format=csv, xlsx).
func (s *Server) fundingBy(w http.ResponseWriter, r *http.Request) error {
	by := r.PathValue("by")
	if !slices.Contains(accord.FundingBy, by) {
		return accord.Errorf(accord.ENOTFOUND, "There is no funding table by %q.", by)
	}
	if isExport(r) {
		return s.fundingExport(w, r, by)
	}
	return s.fundingDashboard(w, r, by)
}

// fundingDashboard answers a dashboard by one breakdown, or the overview
// (by ""). A page of valid filters is the same for everyone of one scope
// (staff, or a partner) and role at one funding version, so its content is
// rendered once per version and kept (renderKept); the version is read on
// every request, so a write through any Accord instance shows at once. Bad
// filters are named above the figures without filters.
func (s *Server) fundingDashboard(w http.ResponseWriter, r *http.Request, by string) error {
	ctx := r.Context()
	page := s.page(w, r, "money.dashboard", "funding")
	if by != "" {
		page.Title = page.Locale.T("money.table." + by)
	}
	version, err := s.Store.FundingVersion(ctx)
	if err != nil {
		return err
	}
	q, bad := fundingQueryFrom(r)
	key := strconv.FormatInt(version, 10) + " " + fundingScope(ctx) + " " + string(page.User.Role) + " " + r.URL.RequestURI()
	if bad == nil {
		if kept, err := s.renderKept(w, page, "funding", key); kept || err != nil {
			return err
		}
	} else {
		q = fundingQuery{Metric: "firm"}
	}
	tableBy := by
	if by == "" {
		tableBy = "country"
	}
	counted, err := s.countFunding(ctx, page.Locale, version, q, dashboardViews(tableBy, dashboardCharts(by))...)
	if err != nil {
		return err
	}
	p := newFundingPage(page, by, q, counted)
	if bad != nil {
		if p.Errors, err = webkit.FormErrors(p.Locale, bad); err != nil {
			return err
		}
		return s.render(w, http.StatusBadRequest, "funding", p)
	}
	return s.keepRendered(w, page, "funding", key, p)
}

// fundingChart sends one chart as a picture (NAME.svg) or its figures
// (NAME.csv), drawn from the breakdown of ?by= (country when none).
func (s *Server) fundingChart(w http.ResponseWriter, r *http.Request) error {
	name, ext, _ := strings.Cut(r.PathValue("file"), ".")
	if !slices.Contains(chartNames, name) || (ext != "svg" && ext != "csv") {
		return accord.Errorf(accord.ENOTFOUND, "There is no chart %q.", r.PathValue("file"))
	}
	q, err := fundingQueryFrom(r)
	if err != nil {
		return err
	}
	by := r.URL.Query().Get("by")
	if by == "" {
		by = "country"
	}
	if !slices.Contains(accord.FundingBy, by) {
		return accord.Errorf(accord.EINVALID, "There is no funding table by %q.", by)
	}
	ctx := r.Context()
	version, err := s.Store.FundingVersion(ctx)
	if err != nil {
		return err
	}
	l, view := webkit.Language(r), chartView(name, by)
	counted, err := s.countFunding(ctx, l, version, q, view)
	if err != nil {
		return err
	}
	c := drawChart(l, name, q.Metric, counted.tables[view], counted.names["country"])
	if ext == "csv" {
		return writeChartFile(w, r, c)
	}
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="funding-`+name+`.svg"`)
	_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + string(c.SVG)))
	return err
}
