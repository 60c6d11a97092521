package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

const appealColumns = `a.id, a.version, a.title, a.description, COALESCE(a.country, ''), a.group_code, a.sector, a.plan_id, a.activity_id,
	a.start_date, a.end_date, a.amount, a.currency, a.rate, a.usd_cents, a.created_at, a.updated_at`

func scanAppeal(row interface{ Scan(...any) error }) (*accord.Appeal, error) {
	a := &accord.Appeal{Revisions: []accord.Revision{}}
	var plan, activity sql.NullInt64
	var c int64
	var created, updated time.Time
	err := row.Scan(&a.ID, &a.Version, &a.Title, &a.Description, &a.Country, &a.Group, &a.Sector, &plan, &activity,
		&a.Start, &a.End, &a.Amount, &a.Currency, &a.Rate, &c, &created, &updated)
	if plan.Valid {
		a.PlanID = &plan.Int64
	}
	if activity.Valid {
		a.ActivityID = &activity.Int64
	}
	a.AmountUSD, a.CreatedAt, a.UpdatedAt = usd(c), created.UTC(), updated.UTC()
	return a, err
}

// CreateAppeal stores a need, converted to US dollars at the rate of its start date.
func (db *DB) CreateAppeal(ctx context.Context, a *accord.Appeal) error {
	if _, err := accord.RequireWriter(ctx); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var p accord.Problems
		tx.checkCodes(&p, a.Currency, a.Country, a.Group, a.Sector)
		var rateDate, source string
		tx.rateFor(&p, "rate", a.Currency, a.Start, &a.Rate, &rateDate, &source)
		if a.PlanID != nil && !tx.exists(`SELECT 1 FROM plans WHERE id = ?`, *a.PlanID) {
			p.Add("plan_id", "plan %d does not exist", *a.PlanID)
		}
		if a.ActivityID != nil && !tx.exists(`SELECT 1 FROM activities WHERE id = ?`, *a.ActivityID) {
			p.Add("activity_id", "activity %d does not exist", *a.ActivityID)
		}
		if err := p.Err(); err != nil {
			return err
		}
		amountUSD, ok := accord.Convert(a.Amount, a.Rate)
		if !ok {
			return accord.Errorf(accord.EINVALID, "The amount cannot be converted at rate %s.", a.Rate)
		}
		a.AmountUSD = amountUSD
		id, err := tx.insert(appealsTable.insertSQL(), appealRow(nil, a, tx.now, tx.now)...)
		if err != nil {
			return err
		}
		a.ID, a.Version, a.CreatedAt, a.UpdatedAt, a.Revisions = id, 1, tx.now, tx.now, []accord.Revision{}
		return tx.audit("create", "appeal", id, nil, a)
	})
}

// GetAppeal returns an appeal the actor may see, with its revisions.
func (db *DB) GetAppeal(ctx context.Context, id int64) (*accord.Appeal, error) {
	actor, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	var w where
	w.add("a.id = ?", id)
	appealScopeOne(&w, actor)
	a, err := scanAppeal(db.queryRowRead(ctx, `SELECT `+appealColumns+` FROM appeals a`+w.String(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Appeal", id)
	} else if err != nil {
		return nil, err
	}
	rows, err := db.queryRead(ctx, `SELECT date, usd_cents, reason, by_whom FROM appeal_revisions WHERE appeal_id = ? ORDER BY n`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r accord.Revision
		var c int64
		if err := rows.Scan(&r.Date, &c, &r.Reason, &r.By); err != nil {
			return nil, err
		}
		r.AmountUSD = usd(c)
		hideStaff(actor, &r.By)
		a.Revisions = append(a.Revisions, r)
	}
	return a, rows.Err()
}

// ListAppeals lists the appeals the actor may see, newest first.
func (db *DB) ListAppeals(ctx context.Context, q string, page, perPage int) ([]*accord.Appeal, int, error) {
	actor, err := accord.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	var w where
	appealScope(&w, actor)
	for _, t := range searchTerms(q) {
		w.add("a.search LIKE ?", "%"+t+"%")
	}
	var out []*accord.Appeal
	total, err := db.page(ctx, listQuery{Select: "SELECT " + appealColumns, From: "FROM appeals a" + w.String(), Order: " ORDER BY a.start_date DESC, a.id DESC", Args: w.args,
		Page: page, PerPage: perPage, Search: q != ""},
		func(row interface{ Scan(...any) error }) error {
			a, err := scanAppeal(row)
			out = append(out, a)
			return err
		})
	return out, total, err
}

// ReviseAppeal changes an appeal's requirement, keeping the previous one in its revisions.
func (db *DB) ReviseAppeal(ctx context.Context, id int64, version int, amount, reason string, day accord.Date) (*accord.Appeal, error) {
	actor, err := accord.RequireWriter(ctx)
	if err != nil {
		return nil, err
	}
	var p accord.Problems
	amount = strings.ReplaceAll(strings.TrimSpace(amount), ",", "")
	if !accord.ValidAmount(amount) || strings.Trim(amount, "0.") == "" {
		p.Add("amount", "must be a positive amount in the appeal's currency, such as 2500000")
	}
	if !day.Valid() {
		p.Add("date", "must be a date YYYY-MM-DD")
	}
	if strings.TrimSpace(reason) == "" {
		p.Add("reason", "say why the requirement changes")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		before, err := scanAppeal(tx.queryRow(`SELECT `+appealColumns+` FROM appeals a WHERE a.id = ?`+tx.forUpdate(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Appeal", id)
		} else if err != nil {
			return err
		}
		if before.Version != version {
			return accord.Stale("Appeal", id, version, before.Version)
		}
		newUSD, ok := accord.Convert(amount, before.Rate)
		if !ok {
			return accord.Errorf(accord.EINVALID, "%q is not an amount.", amount)
		}
		var n int
		if err := tx.queryRow(`SELECT COALESCE(MAX(n), 0) + 1 FROM appeal_revisions WHERE appeal_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if _, err := tx.exec(revisionsTable.insertSQL(),
			id, n, string(day), cents(before.AmountUSD), strings.TrimSpace(reason), actor.Email); err != nil {
			return err
		}
		if err := tx.execVersioned("Appeal", id, version, `UPDATE appeals SET version = version + 1, amount = ?, usd_cents = ?, updated_at = ? WHERE id = ? AND version = ?`,
			amount, cents(newUSD), tx.now, id, version); err != nil {
			return err
		}
		return tx.audit("update", "appeal", id, map[string]any{"amount": before.Amount}, map[string]any{"amount": amount, "reason": reason})
	})
	if err != nil {
		return nil, err
	}
	return db.GetAppeal(ctx, id)
}
