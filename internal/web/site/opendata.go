package site

import (
	"bytes"
	"net/http"
	"slices"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/hxl"
	"github.com/accordhq/accord/internal/i18n"
	"github.com/accordhq/accord/internal/web/webkit"
)

// The open-data page (/open-data) and its downloads, readable without
// signing in. What is public: every activity, but only its 4W columns
// (who, what, where, when: title, organizations, sectors, countries,
// dates, status; never descriptions, budgets, indicators or notes), and
// funding summed by country (requirement, firm, paid, pledged, gap); no
// single contribution is published. Licence: CC BY 4.0.

// openDataFiles are the downloads, by file name.
var openDataFiles = []string{"activities-4w.csv", "activities-4w-hxl.csv", "funding-by-country.csv", "funding-by-country-hxl.csv"}

// OpenDataFiles are the names of the downloads under /open-data/ (the
// partner-access sweep of package web requests each).
func OpenDataFiles() []string { return slices.Clone(openDataFiles) }

// openDataSet is one data set on the page, with its two files.
type openDataSet struct {
	Name, Description string
	CSV, HXL          string
}

type openDataPage struct {
	publicPage
	Sets    []openDataSet
	Updated time.Time
	Licence string
}

func (s *Site) publicOpenData(w http.ResponseWriter, r *http.Request, lang string, _ bool) error {
	updated, err := s.Store.OpenDataUpdated(r.Context())
	if err != nil {
		return err
	}
	if webkit.NotModified(w, r, s.validators("open-data", lang, updated.UnixNano()), updated) {
		return nil
	}
	l := i18n.Get(lang)
	p := openDataPage{publicPage: s.newPublicPage(r, lang, "/open-data", l.T("opendata.title"), nil), Updated: updated,
		Licence: "https://creativecommons.org/licenses/by/4.0/"}
	p.Description = l.T("opendata.lead")
	p.Section = "public_opendata"
	p.Sets = []openDataSet{
		{Name: l.T("opendata.activities"), Description: l.T("opendata.activities_detail"), CSV: "/open-data/activities-4w.csv", HXL: "/open-data/activities-4w-hxl.csv"},
		{Name: l.T("opendata.funding"), Description: l.T("opendata.funding_detail"), CSV: "/open-data/funding-by-country.csv", HXL: "/open-data/funding-by-country-hxl.csv"},
	}
	return s.renderPublic(w, http.StatusOK, "public_opendata", p)
}

// openDataFile sends one download, as CSV with or without the HXL hashtag row.
func (s *Site) openDataFile(w http.ResponseWriter, r *http.Request, _ string, _ bool) error {
	name := r.PathValue("file")
	known := false
	for _, f := range openDataFiles {
		known = known || f == name
	}
	if !known {
		return accord.Errorf(accord.ENOTFOUND, "There is no open-data file %q.", name)
	}
	updated, err := s.Store.OpenDataUpdated(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Access-Control-Allow-Origin", "*") // open data: other sites' scripts may read it
	if webkit.NotModified(w, r, s.validators("open-data-file", name, updated.UnixNano()), updated) {
		return nil
	}
	ctx := accord.WithActor(r.Context(), accord.OpenDataActor)
	var buf bytes.Buffer
	switch name {
	case "activities-4w.csv", "activities-4w-hxl.csv":
		items, _, err := s.Store.ListActivities(ctx, accord.ActivityFilter{Unlimited: true})
		if err != nil {
			return err
		}
		err = hxl.WriteFourW(&buf, items)
		if err != nil {
			return err
		}
	default:
		report, err := s.Store.FundingReport(ctx, accord.FundingFilter{By: "country"})
		if err != nil {
			return err
		}
		total := report.Total
		total.Key, total.Label = "", "Total" // no country code: HXL tools must not read it as one
		if err := hxl.WriteFundingByCountry(&buf, report.Lines, total); err != nil {
			return err
		}
	}
	out := buf.Bytes()
	if !bytes.Contains([]byte(name), []byte("-hxl")) {
		out = dropSecondLine(out)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, err = w.Write(out)
	return err
}

// dropSecondLine removes the HXL hashtag row, the second line of a table
// whose header and hashtag rows never hold a line break.
func dropSecondLine(b []byte) []byte {
	first := bytes.IndexByte(b, '\n')
	if first < 0 {
		return b
	}
	second := bytes.IndexByte(b[first+1:], '\n')
	if second < 0 {
		return b[:first+1]
	}
	return append(b[:first+1:first+1], b[first+1+second+1:]...)
}
