package store

import (
	"fmt"
	"math/big"

	"github.com/accordhq/accord/internal/accord"
)

// The exchange rates and appeals of resource mobilization, written by
// BulkWriter as SetRates, CreateAppeal and ReviseAppeal write them
// (money.go), but with the rates given. Flows are in bulkmoney.go.

// Rates writes exchange rates, each currency and day once.
func (b *BulkWriter) Rates(rates []accord.ExchangeRate) error {
	args := make([]any, 0, 4*len(rates))
	for _, r := range rates {
		if v, ok := new(big.Rat).SetString(r.Rate); !accord.ValidAmount(r.Rate) || !ok || v.Sign() <= 0 || !r.Date.Valid() || r.Currency == "" {
			return fmt.Errorf("exchange rate %s on %s: needs a currency, a date and a rate above 0, not %q", r.Currency, r.Date, r.Rate)
		}
		args = append(args, r.Currency, string(r.Date), r.Rate, r.Source)
	}
	return b.insertRows(ratesTable, args)
}

// Appeals writes appeals with their revisions (oldest first, each holding
// the requirement in US dollars before it, as ReviseAppeal keeps it) and
// sets their IDs. The rate must be given, except for US dollars.
func (b *BulkWriter) Appeals(as []*accord.Appeal) error {
	first, err := b.ids("appeals", len(as))
	if err != nil {
		return err
	}
	var rows, revisions []any
	for i, a := range as {
		a.ID = first + int64(i)
		if err := a.Validate(); err != nil {
			return fmt.Errorf("appeal %q: %w", a.Title, err)
		}
		if a.Rate == "" && a.Currency == accord.ReportingCurrency {
			a.Rate = "1"
		}
		usdAmount, ok := accord.Convert(a.Amount, a.Rate)
		if !ok {
			return fmt.Errorf("appeal %q: no rate for %s %s", a.Title, a.Amount, a.Currency)
		}
		a.AmountUSD, a.Version = usdAmount, 1
		a.CreatedAt, a.UpdatedAt = b.stamps(a.CreatedAt, a.UpdatedAt)
		for j, r := range a.Revisions {
			if !r.Date.Valid() || !accord.ValidAmount(r.AmountUSD) || r.Reason == "" {
				return fmt.Errorf("appeal %q: revision %d needs a date, the amount before it and a reason", a.Title, j+1)
			}
			revisions = append(revisions, a.ID, j+1, string(r.Date), cents(r.AmountUSD), r.Reason, r.By)
		}
		rows = appealRow(append(rows, a.ID), a, a.CreatedAt, a.UpdatedAt)
	}
	if err := b.insertWithIDs(appealsTable, rows); err != nil {
		return err
	}
	return b.insertRows(revisionsTable, revisions)
}
