package store

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/accordhq/accord/internal/accord"
)

// The flows of resource mobilization, written by BulkWriter as CreateFlow
// and AdvanceFlow write them (money.go), funding totals included, but with
// the rates given: a bulk load brings its own rates and does not look them
// up. Rates and appeals are in bulkappeals.go.

// BulkFlow is a flow with the history that brought it to its status.
type BulkFlow struct {
	*accord.Flow
	// Parent, if set, is the flow's parent, written before it in the same
	// call or in an earlier one: its ID, known once written, becomes the
	// flow's ParentID.
	Parent *accord.Flow
	// History is the flow's steps, oldest first, each further along than
	// the one before and the last at the flow's status; the amount of each
	// is the flow's. Empty: one step, the flow's status on its value date,
	// as CreateFlow records it. By defaults to "system", At to the
	// flow's creation.
	History []accord.FlowEvent
}

// parentFlow is what the rules on children need of a parent.
type parentFlow struct {
	cents, children int64
	typ, status     string
}

// Flows writes flows with their histories and sets their IDs. A parent
// comes before its children, in the same call (the cheap way: it is then
// written as a parent at once) or in an earlier one; children follow the
// rules of CreateFlow: only under a parked or pass-through parent, never
// further along than it, together never more than it. The funding totals
// take the change before Flows returns, so that they always agree with the
// flows written.
//
// What each flow needs alone (checks, conversion, search text, the values
// of its rows) is worked out on every core; SQLite writes on one, and a
// million flows spent a fifth of their load there.
func (b *BulkWriter) Flows(fs []BulkFlow) error {
	if b.tx == nil {
		return fmt.Errorf("bulk load already ended")
	}
	first, err := b.ids("flows", len(fs))
	if err != nil {
		return err
	}
	for i, bf := range fs {
		bf.ID = first + int64(i)
		if bf.Parent != nil {
			if bf.Parent.ID <= 0 || bf.Parent.ID >= bf.ID {
				return fmt.Errorf("flow %q: its parent is written after it", bf.Description)
			}
			id := bf.Parent.ID
			bf.ParentID = &id
		}
	}
	errs := make([]error, len(fs))
	inParallel(len(fs), func(i int) {
		if err := b.prepareFlow(fs[i].Flow); err != nil {
			errs[i] = fmt.Errorf("flow %q: %w", fs[i].Description, err)
		}
	})
	if err := firstError(errs); err != nil {
		return err
	}
	parents := map[int64]*parentFlow{} // by ID, of this call and earlier ones
	var earlier []int64                // parents written before this call, now with children
	hasChildren := make([]bool, len(fs))
	for _, bf := range fs {
		f := bf.Flow
		if f.Type != "standard" {
			parents[f.ID] = &parentFlow{cents: cents(f.AmountUSD), typ: f.Type, status: f.Status}
		}
		if f.ParentID == nil {
			continue
		}
		p, err := b.parent(parents, *f.ParentID, first)
		if err != nil {
			return fmt.Errorf("flow %q: %w", f.Description, err)
		}
		c := cents(f.AmountUSD)
		switch {
		case p.typ == "standard":
			return fmt.Errorf("flow %q: only a parked or pass-through flow has children", f.Description)
		case !accord.CanBecome(f.Status, p.status):
			return fmt.Errorf("flow %q: a child cannot be further along than its parent, which is a %s", f.Description, p.status)
		case p.children+c > p.cents:
			return fmt.Errorf("flow %q: a child flow cannot exceed what is left of its parent (USD %s of USD %s)", f.Description, usd(p.cents-p.children), usd(p.cents))
		}
		p.children += c
		if *f.ParentID >= first {
			hasChildren[*f.ParentID-first] = true
		} else if !slices.Contains(earlier, *f.ParentID) {
			earlier = append(earlier, *f.ParentID)
		}
	}
	cols := strings.Count(flowsTable.withID(), ",") + 1
	rows := make([]any, cols*len(fs))
	events := make([][]any, len(fs))
	inParallel(len(fs), func(i int) {
		f := fs[i].Flow
		c := cents(f.AmountUSD)
		// Each row is written in place, in its own part of rows.
		flowRow(append(rows[cols*i:cols*i:cols*(i+1)], f.ID), f, !hasChildren[i], f.CreatedAt, f.UpdatedAt)
		history := fs[i].History
		if len(history) == 0 {
			history = []accord.FlowEvent{{Status: f.Status, Date: f.ValueDate}}
		}
		for j, e := range history {
			if !e.Date.Valid() || (j > 0 && slices.Index(accord.FlowStatuses, e.Status) <= slices.Index(accord.FlowStatuses, history[j-1].Status)) ||
				(j == len(history)-1 && e.Status != f.Status) || !slices.Contains(accord.FlowStatuses, e.Status) {
				errs[i] = fmt.Errorf("flow %q: its history must move forward, day by day, to its status %s", f.Description, f.Status)
				return
			}
			by, at := e.By, e.At
			if by == "" {
				by = "system"
			}
			if at.IsZero() {
				at = f.CreatedAt
			}
			events[i] = append(events[i], f.ID, e.Status, string(e.Date), c, by, at.UTC())
		}
	})
	if err := firstError(errs); err != nil {
		return err
	}
	delta := fundingDelta{}
	for i, bf := range fs {
		if !hasChildren[i] {
			delta.add(countedOf(bf.Flow), 1)
		}
	}
	if err := b.pauseTotals(true); err != nil {
		return err
	}
	if err := b.insertWithIDs(flowsTable, rows); err != nil {
		return err
	}
	if err := b.pauseTotals(false); err != nil {
		return err
	}
	if err := b.insertRows(flowEventsTable, slices.Concat(events...)); err != nil {
		return err
	}
	// Parents written before stop being counted, through the triggers.
	slices.Sort(earlier)
	for _, id := range earlier {
		if _, err := b.tx.ExecContext(b.ctx, b.db.q(`UPDATE flows SET leaf = FALSE WHERE id = ? AND leaf = TRUE`), id); err != nil {
			return fmt.Errorf("flow %d: %w", id, err)
		}
	}
	return b.addTotals(delta)
}

// pauseTotals stops the triggers of funding_totals in the load's
// transaction (and only there) while flows are inserted, or starts them
// again: addTotals counts the inserted flows, a batch at once.
func (b *BulkWriter) pauseTotals(pause bool) error {
	if _, err := b.tx.ExecContext(b.ctx, b.db.dialect.pauseTotals(pause)); err != nil || pause {
		return err
	}
	// The paused row triggers did not move the funding version either.
	_, err := b.tx.ExecContext(b.ctx, `UPDATE funding_version SET version = version + 1`)
	return err
}

// firstError is the first error of a list, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// inParallel runs fn(i) for i from 0 to n-1 on every core, each i once.
func inParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/1000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// prepareFlow checks a flow as CreateFlow does and fills what it computes:
// the rate of a US-dollar amount, the rate date, the amount in US dollars.
func (b *BulkWriter) prepareFlow(f *accord.Flow) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Rate == "" && f.Currency == accord.ReportingCurrency {
		f.Rate, f.RateDate, f.RateSource = "1", f.ValueDate, "identity"
	}
	if f.RateDate == "" {
		f.RateDate = f.ValueDate
	}
	usdAmount, ok := accord.Convert(f.Amount, f.Rate)
	if !ok {
		return fmt.Errorf("no rate for %s %s", f.Amount, f.Currency)
	}
	f.AmountUSD, f.Version = usdAmount, 1
	f.CreatedAt, f.UpdatedAt = b.stamps(f.CreatedAt, f.UpdatedAt)
	return nil
}

// parent returns a flow's parent: one of this call, or one written before
// (read once, with what its children already take).
func (b *BulkWriter) parent(known map[int64]*parentFlow, id, first int64) (*parentFlow, error) {
	if p, ok := known[id]; ok {
		return p, nil
	}
	if id >= first {
		return nil, fmt.Errorf("parent %d: a parent is written before its children, and is not a standard flow", id)
	}
	p := &parentFlow{}
	err := b.tx.QueryRowContext(b.ctx, b.db.q(`SELECT usd_cents, type, status, (SELECT COALESCE(SUM(c.usd_cents), 0) FROM flows c WHERE c.parent_id = p.id)
		FROM flows p WHERE p.id = ?`), id).Scan(&p.cents, &p.typ, &p.status, &p.children)
	if err != nil {
		return nil, fmt.Errorf("parent %d: %w", id, err)
	}
	known[id] = p
	return p, nil
}

// addTotals writes a delta to funding_totals in multi-row statements of
// the sizes insert uses, each prepared once.
func (b *BulkWriter) addTotals(d fundingDelta) error {
	args, n := d.rows()
	if n > 0 && !slices.Contains(b.written, "funding_totals") {
		b.written = append(b.written, "funding_totals")
	}
	for _, rows := range []int{bulkRows, 50, 5, 1} {
		for ; n >= rows; n -= rows {
			key := "funding_totals/upsert/" + strconv.Itoa(rows)
			stmt, ok := b.stmts[key]
			if !ok {
				var err error
				if stmt, err = b.tx.PrepareContext(b.ctx, b.db.q(upsertTotals(rows))); err != nil {
					return fmt.Errorf("funding totals: %w", err)
				}
				b.stmts[key] = stmt
			}
			if _, err := stmt.ExecContext(b.ctx, args[:11*rows]...); err != nil {
				return fmt.Errorf("funding totals: %w", err)
			}
			args = args[11*rows:]
		}
	}
	return nil
}

// countedFlow is what the funding totals need of a flow.
type countedFlow struct {
	country, group, sector, contribution, status string
	source, plan, appeal                         int64 // plan and appeal 0 when none
	year                                         int
	cents                                        int64
}

// countedOf is the counted part of a flow.
func countedOf(f *accord.Flow) countedFlow {
	c := countedFlow{country: f.Country, group: f.Group, sector: f.Sector, contribution: f.Contribution, status: f.Status,
		source: f.SourceOrgID, year: f.Year, cents: cents(f.AmountUSD)}
	if f.PlanID != nil {
		c.plan = *f.PlanID
	}
	if f.AppealID != nil {
		c.appeal = *f.AppealID
	}
	return c
}

// items are the flow's key in each breakdown, as fundingKeys.flow and the
// triggers of migration 0013 compute them in SQL.
func (c countedFlow) items() [6][2]string {
	place := c.country
	if place == "" {
		place = c.group
	}
	id := func(v int64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	}
	return [6][2]string{{"country", place}, {"partner", strconv.FormatInt(c.source, 10)}, {"sector", c.sector},
		{"plan", id(c.plan)}, {"appeal", id(c.appeal)}, {"year", strconv.Itoa(c.year)}}
}

// fundingCell is a row of funding_totals.
type fundingCell struct {
	breakdown string
	year      int // 0: all years
	item      string
}

// fundingSums are a cell's figures: counted flows, then cents by status
// (pledge, commitment, paid), for financial and for in-kind contributions.
type fundingSums [2][4]int64

// fundingDelta is what new flows add to funding_totals. Triggers keep the
// totals on every write of a flow (migration 0013); a bulk load pauses them
// while it inserts and adds its flows' totals with one delta per batch:
// the thousands of rows a batch touches instead of twelve per flow.
type fundingDelta map[fundingCell]*fundingSums

// add counts a flow in (sign 1) or out (sign -1) of its cells: one per
// breakdown for its year, and one for all years.
func (d fundingDelta) add(c countedFlow, sign int64) {
	kind := 0
	if c.contribution == "in_kind" {
		kind = 1
	}
	status := 1 + slices.Index(accord.FlowStatuses, c.status)
	for _, it := range c.items() {
		for _, year := range []int{c.year, 0} {
			cell := fundingCell{it[0], year, it[1]}
			s := d[cell]
			if s == nil {
				s = &fundingSums{}
				d[cell] = s
			}
			s[kind][0] += sign
			s[kind][status] += sign * c.cents
		}
	}
}

// fundingTotalsColumns are the columns of funding_totals in the order of a fundingSums.
const fundingTotalsColumns = `breakdown, year, item, financial_flows, financial_pledge_cents, financial_commitment_cents, financial_paid_cents,
	in_kind_flows, in_kind_pledge_cents, in_kind_commitment_cents, in_kind_paid_cents`

// upsertTotals is the statement that adds rows cells to funding_totals.
func upsertTotals(rows int) string {
	var set []string
	for _, c := range strings.Split(fundingTotalsColumns, ",")[3:] {
		c = strings.TrimSpace(c)
		set = append(set, c+" = funding_totals."+c+" + excluded."+c)
	}
	return multiRowInsertSQL("funding_totals", fundingTotalsColumns, 11, rows) + `
		ON CONFLICT (breakdown, year, item) DO UPDATE SET ` + strings.Join(set, ", ")
}

// rows returns the cells that change, in the order of the primary key (as
// the triggers write them: writers that lock rows in the same order wait
// for each other instead of deadlocking), as statement arguments, 11 per
// cell.
func (d fundingDelta) rows() (args []any, n int) {
	cells := make([]fundingCell, 0, len(d))
	for c, s := range d {
		if *s != (fundingSums{}) {
			cells = append(cells, c)
		}
	}
	slices.SortFunc(cells, func(a, b fundingCell) int {
		return cmp.Or(strings.Compare(a.breakdown, b.breakdown), cmp.Compare(a.year, b.year), strings.Compare(a.item, b.item))
	})
	args = make([]any, 0, 11*len(cells))
	for _, c := range cells {
		s := d[c]
		args = append(args, c.breakdown, c.year, c.item, s[0][0], s[0][1], s[0][2], s[0][3], s[1][0], s[1][1], s[1][2], s[1][3])
	}
	return args, len(cells)
}
