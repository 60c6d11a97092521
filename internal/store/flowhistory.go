package store

import (
	"context"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// FlowHistory returns the steps of a flow, oldest first: a flow only moves
// forward, so the order of its statuses is the order of its steps. A flow the
// actor may not see is not found, and neither is its history.
func (db *DB) FlowHistory(ctx context.Context, id int64) ([]accord.FlowEvent, error) {
	if _, err := db.GetFlow(ctx, id); err != nil {
		return nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT status, date, usd_cents, by_whom, at FROM flow_events WHERE flow_id = ? ORDER BY CASE status WHEN 'pledge' THEN 0 WHEN 'commitment' THEN 1 ELSE 2 END, at`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	a, _ := accord.ActorFrom(ctx)
	out := []accord.FlowEvent{}
	for rows.Next() {
		var e accord.FlowEvent
		var c int64
		var at time.Time
		if err := rows.Scan(&e.Status, &e.Date, &c, &e.By, &at); err != nil {
			return nil, err
		}
		e.AmountUSD, e.At = usd(c), at.UTC()
		hideStaff(a, &e.By)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ChildFlows returns the children of a flow that the actor may see, by value date.
func (db *DB) ChildFlows(ctx context.Context, id int64) ([]*accord.Flow, error) {
	a, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("f.parent_id = ?", id)
	flowScope(&w, a)
	rows, err := db.queryRead(ctx, "SELECT "+flowColumns+flowFrom+w.String()+" ORDER BY f.year, f.value_date, f.id", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*accord.Flow{}
	for rows.Next() {
		f, err := scanFlow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ListRates returns exchange rates, newest first: of one currency, or of
// every currency when currency is empty. At most limit (1 to 1,000) rows.
func (db *DB) ListRates(ctx context.Context, currency string, limit int) ([]accord.ExchangeRate, error) {
	if _, err := accord.RequireActor(ctx); err != nil {
		return nil, err
	}
	limit = max(1, min(limit, 1000))
	var w where
	if currency = strings.ToUpper(strings.TrimSpace(currency)); currency != "" {
		w.add("currency = ?", currency)
	}
	rows, err := db.queryRead(ctx, `SELECT currency, date, rate, source FROM exchange_rates`+w.String()+` ORDER BY date DESC, currency LIMIT ?`,
		append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []accord.ExchangeRate{}
	for rows.Next() {
		var r accord.ExchangeRate
		if err := rows.Scan(&r.Currency, &r.Date, &r.Rate, &r.Source); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
