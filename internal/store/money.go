package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// cents turns "1234.56" into 123456.
func cents(usd string) int64 {
	whole, frac, _ := strings.Cut(usd, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	frac = (frac + "00")[:2]
	f, _ := strconv.ParseInt(frac, 10, 64)
	return n*100 + f
}

// usd turns 123456 into "1234.56".
func usd(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// rateFor fills a missing rate from the rates table: the latest on or before day.
func (tx *Tx) rateFor(p *accord.Problems, field, currency string, day accord.Date, rate, rateDate, source *string) {
	if currency == accord.ReportingCurrency && *rate == "" {
		*rate, *rateDate, *source = "1", string(day), "identity"
		return
	}
	if *rate != "" {
		if *rateDate == "" {
			*rateDate = string(day)
		}
		return
	}
	err := tx.queryRow(`SELECT rate, date, source FROM exchange_rates WHERE currency = ? AND date <= ? ORDER BY date DESC LIMIT 1`, currency, string(day)).
		Scan(rate, rateDate, source)
	if !tx.found(err) {
		p.Add(field, "no exchange rate for %s on or before %s: import rates or give the rate", currency, day)
	}
}

func (tx *Tx) checkCodes(p *accord.Problems, currency, country, group, sector string) {
	if currency != "" && !tx.exists(`SELECT 1 FROM codes WHERE list = ? AND code = ?`, accord.ListCurrencies, currency) {
		p.Add("currency", "%q is not an ISO 4217 currency code", currency)
	}
	if country != "" && !tx.exists(`SELECT 1 FROM countries WHERE code = ?`, country) {
		p.Add("country", "%q is not an ISO 3166-1 country code", country)
	}
	if group != "" && !tx.exists(`SELECT 1 FROM country_groups WHERE code = ?`, group) {
		p.Add("group", "%q is not a country group", group)
	}
	if sector != "" && !tx.exists(`SELECT 1 FROM codes WHERE list = ? AND code = ?`, accord.ListSectors, sector) {
		p.Add("sector", "%q is not an OECD-DAC purpose code", sector)
	}
}

// SetRates stores exchange rates, replacing those of the same currency and day.
// Rates already used by flows stay on the flows: history is never recomputed.
func (db *DB) SetRates(ctx context.Context, rates []accord.ExchangeRate) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	var p accord.Problems
	for i, r := range rates {
		if v, ok := new(big.Rat).SetString(r.Rate); !accord.ValidAmount(r.Rate) || !ok || v.Sign() <= 0 || !r.Date.Valid() || r.Currency == "" {
			p.Add("rates["+itoa(i)+"]", "needs a currency, a date YYYY-MM-DD and a rate above 0 such as 3.75")
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		for _, r := range rates {
			if _, err := tx.exec(ratesTable.insertSQL()+`
				ON CONFLICT (currency, date) DO UPDATE SET rate = excluded.rate, source = excluded.source`, r.Currency, string(r.Date), r.Rate, r.Source); err != nil {
				return err
			}
		}
		return tx.audit("update", "exchange_rates", 0, nil, map[string]any{"rates": len(rates)})
	})
}

// RateOn returns the rate of currency in force on day: the latest on or before it.
func (db *DB) RateOn(ctx context.Context, currency string, day accord.Date) (*accord.ExchangeRate, error) {
	r := &accord.ExchangeRate{Currency: strings.ToUpper(currency)}
	err := db.queryRowRead(ctx, `SELECT date, rate, source FROM exchange_rates WHERE currency = ? AND date <= ? ORDER BY date DESC LIMIT 1`,
		r.Currency, string(day)).Scan(&r.Date, &r.Rate, &r.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, accord.Errorf(accord.ENOTFOUND, "No exchange rate for %s on or before %s.", r.Currency, day)
	}
	return r, err
}

// flowScope: a partner sees the flows its organization gives or receives.
func flowScope(w *where, a accord.Actor) {
	if a.IsPartner() {
		w.add(`EXISTS (SELECT 1 FROM organizations so WHERE (so.id = f.source_org_id OR so.id = f.dest_org_id) AND `+partnerOrg+`)`, a.OrgID, a.OrgID)
	}
}

const flowColumns = `f.id, f.version, f.status, f.type, f.contribution, f.description, f.source_org_id, so0.name_en, f.dest_org_id, COALESCE(do0.name_en, ''),
	COALESCE(f.country, ''), f.group_code, f.sector, f.plan_id, f.activity_id, f.appeal_id, f.parent_id, f.value_date, f.year, f.amount, f.currency,
	f.rate, f.rate_date, f.rate_source, f.usd_cents, f.quantity, f.unit, f.created_at, f.updated_at`

const flowFrom = ` FROM flows f JOIN organizations so0 ON so0.id = f.source_org_id LEFT JOIN organizations do0 ON do0.id = f.dest_org_id`

func scanFlow(row interface{ Scan(...any) error }) (*accord.Flow, error) {
	f := &accord.Flow{}
	var dest, plan, activity, appeal, parent sql.NullInt64
	var c int64
	var created, updated time.Time
	err := row.Scan(&f.ID, &f.Version, &f.Status, &f.Type, &f.Contribution, &f.Description, &f.SourceOrgID, &f.SourceName, &dest, &f.DestName,
		&f.Country, &f.Group, &f.Sector, &plan, &activity, &appeal, &parent, &f.ValueDate, &f.Year, &f.Amount, &f.Currency,
		&f.Rate, &f.RateDate, &f.RateSource, &c, &f.Quantity, &f.Unit, &created, &updated)
	for _, x := range []struct {
		v   sql.NullInt64
		dst **int64
	}{{dest, &f.DestOrgID}, {plan, &f.PlanID}, {activity, &f.ActivityID}, {appeal, &f.AppealID}, {parent, &f.ParentID}} {
		if x.v.Valid {
			v := x.v.Int64
			*x.dst = &v
		}
	}
	f.AmountUSD, f.CreatedAt, f.UpdatedAt = usd(c), created.UTC(), updated.UTC()
	return f, err
}

// CreateFlow stores a flow at the rate of its value date (from the rates
// table when none is given) and records the first step of its history. A
// child (a parked parent's year, or money passed through) may not exceed
// what is left of its parent; its parent then stops being counted itself.
func (db *DB) CreateFlow(ctx context.Context, f *accord.Flow) error {
	actor, err := accord.RequireWriter(ctx)
	if err != nil {
		return err
	}
	if err := f.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error { return tx.createFlow(actor, f) })
}

// createFlow checks and inserts a flow with the first step of its history,
// in a transaction of the caller's (CreateFlow, the confirmation of a
// press release); f is validated.
func (tx *Tx) createFlow(actor accord.Actor, f *accord.Flow) error {
	var p accord.Problems
	tx.checkCodes(&p, f.Currency, f.Country, f.Group, f.Sector)
	tx.rateFor(&p, "rate", f.Currency, f.ValueDate, &f.Rate, (*string)(&f.RateDate), &f.RateSource)
	for _, ref := range []struct {
		field, table string
		id           *int64
	}{{"source_org_id", "organizations", &f.SourceOrgID}, {"dest_org_id", "organizations", f.DestOrgID}, {"plan_id", "plans", f.PlanID},
		{"activity_id", "activities", f.ActivityID}, {"appeal_id", "appeals", f.AppealID}} {
		if ref.id != nil && !tx.exists(`SELECT 1 FROM `+ref.table+` WHERE id = ?`, *ref.id) {
			p.Add(ref.field, "%d does not exist", *ref.id)
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	amountUSD, ok := accord.Convert(f.Amount, f.Rate)
	if !ok {
		return (&accord.Problems{{Field: "rate", Message: fmt.Sprintf("the amount cannot be converted at rate %s", f.Rate)}}).Err()
	}
	f.AmountUSD = amountUSD
	if f.ParentID != nil {
		var parentCents, childrenCents int64
		var parentType, parentStatus string
		err := tx.queryRow(`SELECT usd_cents, type, status FROM flows WHERE id = ?`+tx.forUpdate(), *f.ParentID).Scan(&parentCents, &parentType, &parentStatus)
		if errors.Is(err, sql.ErrNoRows) {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "parent_id",
				Message: fmt.Sprintf("flow %d does not exist", *f.ParentID)}}}
		} else if err != nil {
			return err
		}
		if parentType == "standard" {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "parent_id",
				Message: "only a parked or pass-through flow has children"}}}
		}
		if !accord.CanBecome(f.Status, parentStatus) {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "status",
				Message: fmt.Sprintf("a child cannot be further along than its parent, which is a %s", parentStatus)}}}
		}
		if err := tx.queryRow(`SELECT COALESCE(SUM(usd_cents), 0) FROM flows WHERE parent_id = ?`, *f.ParentID).Scan(&childrenCents); err != nil {
			return err
		}
		if childrenCents+cents(amountUSD) > parentCents {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "amount",
				Message: fmt.Sprintf("a child flow cannot exceed what is left of its parent (USD %s of USD %s)", usd(parentCents-childrenCents), usd(parentCents))}}}
		}
		if _, err := tx.exec(`UPDATE flows SET leaf = FALSE WHERE id = ?`, *f.ParentID); err != nil {
			return err
		}
	}
	id, err := tx.insert(flowsTable.insertSQL(), flowRow(nil, f, true, tx.now, tx.now)...)
	if err != nil {
		return err
	}
	f.ID, f.Version, f.CreatedAt, f.UpdatedAt = id, 1, tx.now, tx.now
	if _, err := tx.exec(flowEventsTable.insertSQL(),
		id, f.Status, string(f.ValueDate), cents(amountUSD), actor.Email, tx.now); err != nil {
		return err
	}
	return tx.audit("create", "flow", id, nil, f)
}

// GetFlow returns a flow the actor may see.
func (db *DB) GetFlow(ctx context.Context, id int64) (*accord.Flow, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("f.id = ?", id)
	flowScope(&w, a)
	f, err := scanFlow(db.queryRowRead(ctx, "SELECT "+flowColumns+flowFrom+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Flow", id)
	}
	return f, err
}

// ListFlows lists flows the actor may see, newest first.
func (db *DB) ListFlows(ctx context.Context, ff accord.FlowFilter) ([]*accord.Flow, int, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	flowScope(&w, a)
	for _, t := range searchTerms(ff.Q) {
		w.add("f.search LIKE ?", "%"+t+"%")
	}
	if ff.Status != "" {
		w.add("f.status = ?", ff.Status)
	}
	if ff.OrgID != 0 {
		w.add("(f.source_org_id = ? OR f.dest_org_id = ?)", ff.OrgID, ff.OrgID)
	}
	if ff.Country != "" {
		w.add("f.country = ?", strings.ToUpper(ff.Country))
	}
	if ff.Year != 0 {
		w.add("f.year = ?", ff.Year)
	}
	if ff.PlanID != 0 {
		w.add("f.plan_id = ?", ff.PlanID)
	}
	if ff.AppealID != 0 {
		w.add("f.appeal_id = ?", ff.AppealID)
	}
	var out []*accord.Flow
	total, err := db.page(ctx, listQuery{Select: "SELECT " + flowColumns, From: flowFrom + w.String(), Order: " ORDER BY f.value_date DESC, f.id DESC", Args: w.args,
		Page: ff.Page, PerPage: ff.PerPage, Search: ff.Q != ""},
		func(row interface{ Scan(...any) error }) error {
			f, err := scanFlow(row)
			out = append(out, f)
			return err
		})
	return out, total, err
}

// AdvanceFlow moves a flow forward, pledge → commitment → paid, adding to its history.
func (db *DB) AdvanceFlow(ctx context.Context, id int64, version int, to string, day accord.Date) (*accord.Flow, error) {
	actor, err := accord.RequireWriter(ctx)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var status string
		var v int
		var c int64
		if err := tx.queryRow(`SELECT status, version, usd_cents FROM flows WHERE id = ?`+tx.forUpdate(), id).Scan(&status, &v, &c); errors.Is(err, sql.ErrNoRows) {
			return notFound("Flow", id)
		} else if err != nil {
			return err
		}
		if v != version {
			return accord.Stale("Flow", id, version, v)
		}
		if !slices.Contains(accord.FlowStatuses, to) || !accord.CanBecome(status, to) || status == to {
			return &accord.Error{Code: accord.EINVALID, Message: "Some fields need attention", Fields: []accord.FieldError{{Field: "status",
				Message: fmt.Sprintf("a %s cannot become %q: a flow only moves forward, pledge → commitment → paid", status, to)}}}
		}
		if err := tx.execVersioned("Flow", id, version, `UPDATE flows SET version = version + 1, status = ?, updated_at = ? WHERE id = ? AND version = ?`, to, tx.now, id, version); err != nil {
			return err
		}
		if _, err := tx.exec(flowEventsTable.insertSQL(), id, to, string(day), c, actor.Email, tx.now); err != nil {
			return err
		}
		return tx.audit("update", "flow", id, map[string]any{"status": status}, map[string]any{"status": to})
	})
	if err != nil {
		return nil, err
	}
	return db.GetFlow(ctx, id)
}
