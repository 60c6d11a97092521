package web

import (
	"context"
	"strconv"
	"sync"

	"github.com/accordhq/accord/internal/accord"
)

// fundingFigures keeps the funding reports the dashboards, their charts and
// files show, by the reader's scope and the filter, for as long as the
// store's funding version stays the same: a partner's figures are added up
// from its own flows, which takes a second for the largest donor, and a
// dashboard's table and charts draw on several breakdowns. The version is
// read from the database on every request, so a write through any Accord
// instance is counted at once.
type fundingFigures struct {
	mu      sync.Mutex
	version int64
	byKey   map[string]*accord.FundingReport
}

// fundingFiguresKept bounds how many reports are kept for one version.
const fundingFiguresKept = 1000

// get returns the reports of filters for the reader of ctx at the funding
// version, those not kept counted at once, each on a connection of its
// own: the first view after the figures change waits for the slowest
// count, not for their sum. The reports are shared: read them, never
// change them.
func (c *fundingFigures) get(ctx context.Context, store accord.MoneyService, version int64, filters ...accord.FundingFilter) ([]*accord.FundingReport, error) {
	out := make([]*accord.FundingReport, len(filters))
	errs := make([]error, len(filters))
	var wg sync.WaitGroup
	for i, f := range filters {
		key := fundingKey(ctx, f)
		if r := c.kept(version, key); r != nil {
			out[i] = r
			continue
		}
		wg.Go(func() {
			out[i], errs[i] = store.FundingReport(ctx, f)
			if errs[i] == nil {
				c.keep(version, key, out[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *fundingFigures) kept(version int64, key string) *accord.FundingReport {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return nil
	}
	return c.byKey[key]
}

// keep keeps a report counted at version, dropping those of another.
func (c *fundingFigures) keep(version int64, key string, r *accord.FundingReport) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || len(c.byKey) >= fundingFiguresKept {
		c.version, c.byKey = version, map[string]*accord.FundingReport{}
	}
	c.byKey[key] = r
}

// fundingKey says all that a report depends on: the reader's scope and the filter.
func fundingKey(ctx context.Context, f accord.FundingFilter) string {
	key := fundingScope(ctx) + "|" + f.By + "|" + f.Status + "|" + f.Contribution + "|" + f.Country
	for _, y := range f.Years {
		key += "|" + strconv.Itoa(y)
	}
	return key
}

// fundingScope is what limits the figures an actor sees: all of them for
// staff, a partner's own.
func fundingScope(ctx context.Context) string {
	if a, ok := accord.ActorFrom(ctx); ok && a.IsPartner() {
		return "org:" + strconv.FormatInt(a.OrgID, 10)
	}
	return "staff"
}
