package api

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// Money: appeals (what is needed), flows (what is pledged, committed and
// paid, following OCHA FTS), the exchange rates that turn both into the
// reporting currency, and the funding table that counts them. Amounts are
// decimal strings ("1250000.50"), never JSON numbers, so that nothing is
// lost to floating point; the funding table's figures are numbers in US dollars.
//
// A flow's status only moves forward (pledge → commitment → paid), by
// POST …/advance; an appeal's requirement changes by POST …/revisions,
// which keeps the previous figure. Rates are stored on each flow and appeal
// when it is recorded: importing rates later never recomputes history.

// today is the API's current day, the default date of revisions and advances.
func (a *API) today() accord.Date {
	return accord.Date(a.now().UTC().Format(time.DateOnly))
}

// dayOr reads an optional date of a body: empty is today.
func (a *API) dayOr(field string, d accord.Date) (accord.Date, error) {
	d = accord.Date(strings.TrimSpace(string(d)))
	switch {
	case d == "":
		return a.today(), nil
	case !d.Valid():
		return "", invalid(field, fmt.Sprintf("must be a date YYYY-MM-DD, not %q", string(d)))
	}
	return d, nil
}

// Appeals.

func (a *API) listAppeals(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := a.store.ListAppeals(r.Context(), q.string("q"), page, perPage)
	if err != nil {
		return err
	}
	for _, ap := range items {
		appealOut(ap)
	}
	return writeList(w, items, total)
}

func (a *API) appeal() resource[accord.Appeal] {
	return resource[accord.Appeal]{path: "/api/v1/appeals/", get: a.store.GetAppeal,
		keys: func(ap *accord.Appeal) (*int64, *int) { return &ap.ID, &ap.Version }, out: appealOut}
}

func (a *API) getAppeal(w http.ResponseWriter, r *http.Request) error {
	return a.appeal().read(w, r)
}

// createAppeal stores a need, converted to US dollars at the rate of its
// start date. Revisions in the body are refused: they are recorded by
// POST …/revisions once the appeal exists.
func (a *API) createAppeal(w http.ResponseWriter, r *http.Request) error {
	return a.appeal().create(w, r, func(ctx context.Context, ap *accord.Appeal) error {
		if len(ap.Revisions) > 0 {
			return invalid("revisions", "are recorded one change at a time, by POST /api/v1/appeals/{id}/revisions once the appeal exists")
		}
		return a.store.CreateAppeal(ctx, ap)
	})
}

// revisionBody changes an appeal's requirement.
type revisionBody struct {
	Amount  string      `json:"amount"` // the new requirement, in the appeal's currency
	Reason  string      `json:"reason"`
	Date    accord.Date `json:"date"`    // YYYY-MM-DD; empty is today
	Version int         `json:"version"` // when If-Match is not sent
}

// reviseAppeal changes the requirement of an appeal and answers the appeal,
// its revisions included, at its new version.
func (a *API) reviseAppeal(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b revisionBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	day, err := a.dayOr("date", b.Date)
	if err != nil {
		return err
	}
	pre, err := preconditionFor(r, b.Version)
	if err != nil {
		return err
	}
	ap, err := a.store.ReviseAppeal(r.Context(), id, pre.version, b.Amount, b.Reason, day)
	if err != nil {
		return pre.stale(r.Context(), err, a.appeal().version(id))
	}
	return writeRecord(w, http.StatusOK, ap.Version, appealOut(ap))
}

// appealOut writes absent revisions as [] rather than null.
func appealOut(ap *accord.Appeal) *accord.Appeal {
	if ap.Revisions == nil {
		ap.Revisions = []accord.Revision{}
	}
	return ap
}

// Flows.

func (a *API) listFlows(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "status", "org_id", "country", "year", "plan_id", "appeal_id", "page", "per_page")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.FlowFilter{
		Q: q.string("q"), Status: q.oneOf("status", accord.FlowStatuses), OrgID: q.id("org_id"), Country: q.country("country"),
		Year: int(q.int("year", 1990, 2100)), PlanID: q.id("plan_id"), AppealID: q.id("appeal_id"), Page: page, PerPage: perPage,
	}
	return listed(w, r, q, f, a.store.ListFlows, nil)
}

func (a *API) flow() resource[accord.Flow] {
	return resource[accord.Flow]{path: "/api/v1/flows/", get: a.store.GetFlow,
		keys: func(f *accord.Flow) (*int64, *int) { return &f.ID, &f.Version }}
}

func (a *API) getFlow(w http.ResponseWriter, r *http.Request) error {
	return a.flow().read(w, r)
}

// createFlow stores a flow at the rate of its value date (from the rates
// table when the body gives none) and answers it as a read would, with the
// names of its organizations.
func (a *API) createFlow(w http.ResponseWriter, r *http.Request) error {
	return a.flow().create(w, r, func(ctx context.Context, f *accord.Flow) error {
		f.SourceName, f.DestName = "", "" // filled on read, never taken from a body
		if err := a.store.CreateFlow(ctx, f); err != nil {
			return err
		}
		if got, err := a.store.GetFlow(ctx, f.ID); err == nil {
			*f = *got
		}
		return nil
	})
}

// advanceBody moves a flow forward.
type advanceBody struct {
	Status  string      `json:"status"`  // commitment or paid
	Date    accord.Date `json:"date"`    // when it happened, YYYY-MM-DD; empty is today
	Version int         `json:"version"` // when If-Match is not sent
}

// advanceFlow moves a flow forward, pledge → commitment → paid, adding to
// its history; going back, or staying, is refused naming status.
func (a *API) advanceFlow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b advanceBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	if strings.TrimSpace(b.Status) == "" {
		return invalid("status", "is required: commitment or paid (a flow moves pledge → commitment → paid)")
	}
	day, err := a.dayOr("date", b.Date)
	if err != nil {
		return err
	}
	pre, err := preconditionFor(r, b.Version)
	if err != nil {
		return err
	}
	f, err := a.store.AdvanceFlow(r.Context(), id, pre.version, strings.TrimSpace(b.Status), day)
	if err != nil {
		return pre.stale(r.Context(), err, a.flow().version(id))
	}
	return writeRecord(w, http.StatusOK, f.Version, f)
}

// Exchange rates.

// getRate answers the rate of a currency in force on a day (today when
// date is left out): the latest on or before it.
func (a *API) getRate(w http.ResponseWriter, r *http.Request) error {
	currency := strings.ToUpper(strings.TrimSpace(r.PathValue("currency")))
	if !isLetters(currency, 3) {
		return invalid("currency", fmt.Sprintf("must be an ISO 4217 code such as EUR, not %q", r.PathValue("currency")))
	}
	q, err := parseQuery(r, "date")
	if err != nil {
		return err
	}
	day := q.date("date")
	if err := q.err(); err != nil {
		return err
	}
	if day == "" {
		day = a.today()
	}
	rate, err := a.store.RateOn(r.Context(), currency, day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rate)
}

// ratesBody is a JSON import of exchange rates.
type ratesBody struct {
	Rates []accord.ExchangeRate `json:"rates"`
}

// ratesSaved answers an import.
type ratesSaved struct {
	Saved int `json:"saved"`
}

// setRates imports exchange rates, as JSON {"rates": […]} or as CSV
// (text/csv, a header row naming currency, date, rate and optionally
// source). Every bad line or item is named; if any is bad nothing is saved.
func (a *API) setRates(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseQuery(r); err != nil {
		return err
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && mt != "text/csv") {
		return &httperr.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Message: fmt.Sprintf(`Send the rates as JSON {"rates": […]} with Content-Type: application/json, or as CSV with Content-Type: text/csv (got %q).`, r.Header.Get("Content-Type"))}
	}
	known, err := a.currencies(r.Context())
	if err != nil {
		return err
	}
	var rates []accord.ExchangeRate
	var problems []accord.FieldError
	what := "items"
	if mt == "text/csv" {
		data, err := readBody(w, r, maxBody)
		if err != nil {
			return err
		}
		what = "lines"
		rates, problems = accord.ParseRates(bytes.NewReader(data), known)
	} else {
		var b ratesBody
		if err := decodeBody(w, r, &b); err != nil {
			return err
		}
		rates, problems = checkRates(b.Rates, known)
	}
	if len(problems) > 0 {
		return &accord.Error{Code: accord.EINVALID, Fields: problems,
			Message: fmt.Sprintf("Nothing was saved: %d %s of the import are bad (errors names each); correct them and send the whole import again.", len(problems), what)}
	}
	if err := a.store.SetRates(r.Context(), rates); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ratesSaved{Saved: len(rates)})
}

// currencies returns whether a code is in the ISO 4217 list Accord holds.
func (a *API) currencies(ctx context.Context) (func(string) bool, error) {
	codes, err := a.store.Codes(ctx, accord.ListCurrencies)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[c.Code] = true
	}
	return func(code string) bool { return set[code] }, nil
}

// checkRates applies to a JSON import the rules ParseRates applies to a
// CSV one, naming each field at fault as rates[i].field.
func checkRates(in []accord.ExchangeRate, known func(string) bool) ([]accord.ExchangeRate, []accord.FieldError) {
	if len(in) == 0 {
		return nil, []accord.FieldError{{Field: "rates", Message: "give at least one rate"}}
	}
	var p accord.Problems
	out := make([]accord.ExchangeRate, 0, len(in))
	for i, x := range in {
		at := fmt.Sprintf("rates[%d].", i)
		x.Currency = strings.ToUpper(strings.TrimSpace(x.Currency))
		x.Date = accord.Date(strings.TrimSpace(string(x.Date)))
		x.Rate = strings.ReplaceAll(strings.TrimSpace(x.Rate), ",", "")
		x.Source = strings.TrimSpace(x.Source)
		if !known(x.Currency) {
			p.Add(at+"currency", "%q is not an ISO 4217 code", x.Currency)
		}
		if !x.Date.Valid() {
			p.Add(at+"date", "%q is not a date YYYY-MM-DD", string(x.Date))
		}
		if v, ok := new(big.Rat).SetString(x.Rate); !ok || v.Sign() <= 0 {
			p.Add(at+"rate", "%q is not a number above 0", x.Rate)
		}
		out = append(out, x)
	}
	return out, p
}

// Funding.

// fundingTable is the answer of GET /api/v1/funding: one row per key of
// the breakdown, and the totals of all rows.
type fundingTable struct {
	Items  []accord.FundingRow `json:"items"`
	Total  int                 `json:"total"` // the number of rows
	Totals accord.FundingRow   `json:"totals"`
}

// funding answers the funding table by one breakdown, in US dollars.
func (a *API) funding(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQueryRepeat(r, []string{"year"}, "by", "year", "contribution", "country")
	if err != nil {
		return err
	}
	f := accord.FundingFilter{By: q.oneOf("by", accord.FundingBy), Years: q.ints("year", 1990, 2100),
		Contribution: q.oneOf("contribution", accord.Contributions), Country: q.country("country")}
	if q.string("by") == "" {
		q.problems.Add("by", "is required: one of %s", strings.Join(accord.FundingBy, ", "))
	}
	if err := q.err(); err != nil {
		return err
	}
	report, err := a.store.FundingReport(r.Context(), f)
	if err != nil {
		return err
	}
	rows, totals := report.Table()
	return writeJSON(w, http.StatusOK, fundingTable{Items: rows, Total: len(rows), Totals: totals})
}
