package web

import (
	"context"
	"slices"
	"strconv"
	"sync"

	"github.com/accordhq/accord/internal/accord"
)

// fundingFigures keeps what the store counted for the funding dashboards,
// by the actor's scope and the filter, for as long as the store's funding
// version stays the same: a partner's figures are added up from its own
// flows, which takes a second for the largest donor, and every chart of a
// page asks for one breakdown or another. The version is read from the
// database on every request, so a write through any Accord instance is
// counted at once.
type fundingFigures struct {
	mu      sync.Mutex
	version int64
	byKey   map[string][]accord.FundingRow
}

// fundingFiguresKept bounds how many answers are kept for one version.
const fundingFiguresKept = 1000

// count returns the store's answer for filter, from what was kept if the
// funding version has not moved. The caller may change the rows it gets.
func (c *fundingFigures) count(ctx context.Context, store accord.MoneyService, version int64, filter accord.FundingFilter) ([]accord.FundingRow, error) {
	key := fundingScope(ctx) + "|" + filter.By + "|" + filter.Contribution + "|" + filter.Country
	for _, y := range filter.Years {
		key += "|" + strconv.Itoa(y)
	}
	c.mu.Lock()
	rows, ok := c.byKey[key]
	ok = ok && c.version == version
	c.mu.Unlock()
	if ok {
		return slices.Clone(rows), nil
	}
	rows, _, err := store.Funding(ctx, filter)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.version != version || len(c.byKey) >= fundingFiguresKept {
		c.version, c.byKey = version, map[string][]accord.FundingRow{}
	}
	c.byKey[key] = slices.Clone(rows)
	c.mu.Unlock()
	return rows, nil
}

// fundingScope is what limits the figures an actor sees: all of them for
// staff, a partner's own.
func fundingScope(ctx context.Context) string {
	if a, ok := accord.ActorFrom(ctx); ok && a.IsPartner() {
		return "org:" + strconv.FormatInt(a.OrgID, 10)
	}
	return "staff"
}
