package accord

import (
	"context"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ReportingCurrency is the currency totals are counted in.
const ReportingCurrency = "USD"

// Flow statuses, following OCHA FTS: a pledge becomes a commitment, then a
// payment; it never goes back.
const (
	FlowPledge     = "pledge"
	FlowCommitment = "commitment"
	FlowPaid       = "paid"
)

// FlowStatuses in their order.
var FlowStatuses = []string{FlowPledge, FlowCommitment, FlowPaid}

// FlowTypes: standard money, a parked parent split into children (e.g. by
// usage year), or money passed through an intermediary.
var FlowTypes = []string{"standard", "parked", "pass_through"}

// Contributions: money or goods and services.
var Contributions = []string{"financial", "in_kind"}

// Appeal is a need: what is required, for what, over which period.
type Appeal struct {
	ID          int64      `json:"id"`
	Version     int        `json:"version"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Country     string     `json:"country"` // ISO alpha-2, or empty when Group is set
	Group       string     `json:"group"`   // a country group code such as SAHEL
	Sector      string     `json:"sector"`  // OECD-DAC 5-digit code, optional
	PlanID      *int64     `json:"plan_id"`
	ActivityID  *int64     `json:"activity_id"`
	Start       Date       `json:"start"`
	End         Date       `json:"end"`
	Amount      string     `json:"amount"` // in Currency
	Currency    string     `json:"currency"`
	Rate        string     `json:"rate"`       // units of Currency per USD at Start
	AmountUSD   string     `json:"amount_usd"` // Amount / Rate, stored
	Revisions   []Revision `json:"revisions"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Revision records a change of an appeal's requirement.
type Revision struct {
	Date      Date   `json:"date"`
	AmountUSD string `json:"amount_usd"`
	Reason    string `json:"reason"`
	By        string `json:"by"`
}

// Flow is money or goods pledged, committed or paid from a source to a destination.
type Flow struct {
	ID           int64     `json:"id"`
	Version      int       `json:"version"`
	Status       string    `json:"status"`
	Type         string    `json:"type"`
	Contribution string    `json:"contribution"`
	Description  string    `json:"description"`
	SourceOrgID  int64     `json:"source_org_id"`
	SourceName   string    `json:"source_name,omitempty"`
	DestOrgID    *int64    `json:"dest_org_id"`
	DestName     string    `json:"dest_name,omitempty"`
	Country      string    `json:"country"` // destination country
	Group        string    `json:"group"`   // or destination country group
	Sector       string    `json:"sector"`
	PlanID       *int64    `json:"plan_id"`
	ActivityID   *int64    `json:"activity_id"`
	AppealID     *int64    `json:"appeal_id"`
	ParentID     *int64    `json:"parent_id"`
	ValueDate    Date      `json:"value_date"`
	Year         int       `json:"year"` // usage year
	Amount       string    `json:"amount"`
	Currency     string    `json:"currency"`
	Rate         string    `json:"rate"` // units of Currency per USD on RateDate; filled from the rates table when empty
	RateDate     Date      `json:"rate_date"`
	RateSource   string    `json:"rate_source"`
	AmountUSD    string    `json:"amount_usd"`
	Quantity     string    `json:"quantity"` // in-kind: 500000
	Unit         string    `json:"unit"`     // in-kind: doses
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// ExchangeRate is how many units of a currency buy one US dollar on a day.
type ExchangeRate struct {
	Currency string `json:"currency"`
	Date     Date   `json:"date"`
	Rate     string `json:"rate"`
	Source   string `json:"source"`
}

var amountPattern = regexp.MustCompile(`^\d{1,15}(\.\d{1,6})?$`)

// ValidAmount reports whether v is a plain non-negative decimal such as 1250.50.
func ValidAmount(v string) bool { return amountPattern.MatchString(v) }

// checkAmount checks a non-negative decimal amount.
func checkAmount(p *Problems, field, v string, required bool) string {
	v = strings.ReplaceAll(strings.TrimSpace(v), ",", "")
	switch {
	case v == "" && required:
		p.Add(field, "is required")
	case v == "":
	case strings.HasPrefix(v, "-"):
		p.Add(field, "cannot be negative")
	case !amountPattern.MatchString(v):
		p.Add(field, "must be a number such as 250000 or 1250.50")
	}
	return v
}

// checkRate checks a given rate: above zero, and exactly 1 for the reporting currency.
func checkRate(p *Problems, currency, rate string) {
	if rate == "" || !amountPattern.MatchString(rate) {
		return
	}
	r, _ := new(big.Rat).SetString(rate)
	switch {
	case r.Sign() <= 0:
		p.Add("rate", "must be more than 0")
	case currency == ReportingCurrency && r.Cmp(big.NewRat(1, 1)) != 0:
		p.Add("rate", "a %s amount is counted at rate 1", ReportingCurrency)
	}
}

// Convert returns amount / rate in US dollars, rounded to the cent, or ok=false.
func Convert(amount, rate string) (string, bool) {
	a, ok1 := new(big.Rat).SetString(amount)
	r, ok2 := new(big.Rat).SetString(rate)
	if !ok1 || !ok2 || r.Sign() <= 0 {
		return "", false
	}
	return new(big.Rat).Quo(a, r).FloatString(2), true
}

// Validate checks an appeal's own rules; codes are checked by the store.
func (a *Appeal) Validate() error {
	var p Problems
	a.Title, a.Currency = strings.TrimSpace(a.Title), strings.ToUpper(strings.TrimSpace(a.Currency))
	a.Country, a.Group = strings.ToUpper(strings.TrimSpace(a.Country)), strings.ToUpper(strings.TrimSpace(a.Group))
	checkText(&p, "title", a.Title, true, 300)
	checkText(&p, "description", a.Description, false, 20000)
	if (a.Country == "") == (a.Group == "") {
		p.Add("country", "give a country or a country group (one of them)")
	}
	a.Amount = checkAmount(&p, "amount", a.Amount, true)
	if a.Currency == "" {
		p.Add("currency", "is required (ISO 4217, e.g. USD)")
	}
	a.Rate = checkAmount(&p, "rate", a.Rate, false)
	checkRate(&p, a.Currency, a.Rate)
	checkDates(&p, "start", a.Start, "end", a.End)
	if a.Start == "" {
		p.Add("start", "is required: the rate and the year are taken from it")
	}
	return p.Err()
}

// Validate checks a flow's own rules; codes, parents and rates are checked by the store.
func (f *Flow) Validate() error {
	var p Problems
	f.Currency = strings.ToUpper(strings.TrimSpace(f.Currency))
	f.Country, f.Group = strings.ToUpper(strings.TrimSpace(f.Country)), strings.ToUpper(strings.TrimSpace(f.Group))
	if f.Status == "" {
		f.Status = FlowPledge
	}
	if f.Type == "" {
		f.Type = "standard"
	}
	if f.Contribution == "" {
		f.Contribution = "financial"
	}
	if !slices.Contains(FlowStatuses, f.Status) {
		p.Add("status", "must be pledge, commitment or paid")
	}
	if !slices.Contains(FlowTypes, f.Type) {
		p.Add("type", "must be standard, parked or pass_through")
	}
	if !slices.Contains(Contributions, f.Contribution) {
		p.Add("contribution", "must be financial or in_kind")
	}
	checkText(&p, "description", f.Description, false, 5000)
	if f.SourceOrgID <= 0 {
		p.Add("source_org_id", "is required: who gives")
	}
	if f.Country != "" && f.Group != "" {
		p.Add("group", "give a destination country or a country group, not both")
	}
	f.Amount = checkAmount(&p, "amount", f.Amount, true)
	if f.Currency == "" {
		p.Add("currency", "is required (ISO 4217, e.g. USD)")
	}
	f.Rate = checkAmount(&p, "rate", f.Rate, false)
	checkRate(&p, f.Currency, f.Rate)
	switch {
	case f.ValueDate == "":
		p.Add("value_date", "is required: the exchange rate is taken on it")
	case !f.ValueDate.Valid():
		p.Add("value_date", "must be a date YYYY-MM-DD")
	}
	if f.RateDate != "" && !f.RateDate.Valid() {
		p.Add("rate_date", "must be a date YYYY-MM-DD")
	}
	if f.Year == 0 && f.ValueDate.Valid() {
		f.Year = f.ValueDate.Time().Year()
	}
	if f.Year < 1990 || f.Year > 2100 {
		p.Add("year", "must be a year between 1990 and 2100")
	}
	if f.Contribution == "in_kind" {
		f.Quantity = checkAmount(&p, "quantity", f.Quantity, false)
		checkText(&p, "unit", f.Unit, f.Quantity != "", 50)
	} else if f.Quantity != "" || f.Unit != "" {
		p.Add("quantity", "quantity and unit are for in-kind contributions")
	}
	return p.Err()
}

// CanBecome reports whether a flow may move from one status to another:
// only forward (pledge → commitment → paid), or stay.
func CanBecome(from, to string) bool {
	return slices.Index(FlowStatuses, to) >= slices.Index(FlowStatuses, from)
}

// MoneyService stores appeals, flows and exchange rates, and counts them.
type MoneyService interface {
	CreateAppeal(ctx context.Context, a *Appeal) error
	GetAppeal(ctx context.Context, id int64) (*Appeal, error)
	ListAppeals(ctx context.Context, q string, page, perPage int) ([]*Appeal, int, error)
	ReviseAppeal(ctx context.Context, id int64, version int, amount, reason string, day Date) (*Appeal, error)
	CreateFlow(ctx context.Context, f *Flow) error
	GetFlow(ctx context.Context, id int64) (*Flow, error)
	ListFlows(ctx context.Context, f FlowFilter) ([]*Flow, int, error)
	// AdvanceFlow moves a flow forward (pledge → commitment → paid), keeping one history.
	AdvanceFlow(ctx context.Context, id int64, version int, to string, day Date) (*Flow, error)
	SetRates(ctx context.Context, rates []ExchangeRate) error
	RateOn(ctx context.Context, currency string, day Date) (*ExchangeRate, error)
	// FundingReport counts the funding table by one breakdown (funding.go).
	FundingReport(ctx context.Context, f FundingFilter) (*FundingReport, error)
	// FundingVersion changes with every write that changes what
	// FundingReport returns, so that reports may be kept until it does.
	FundingVersion(ctx context.Context) (int64, error)
}

// FlowFilter narrows a list of flows.
type FlowFilter struct {
	Q        string
	Status   string
	OrgID    int64
	Country  string
	Year     int
	PlanID   int64
	AppealID int64
	Page     int
	PerPage  int
}
