package api

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Activities carry their implementing organizations, countries, country
// groups and sectors: a body holds them all, and PUT replaces them all.
// beneficiary_countries is derived from countries and groups (a group such
// as SAHEL counts for each of its members): a body may leave it out or send
// it back as read, never set it.

func (a *API) listActivities(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "plan_id", "org_id", "country", "kind", "status")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.ActivityFilter{
		Q: q.string("q"), PlanID: q.id("plan_id"), OrgID: q.id("org_id"), Country: strings.ToUpper(q.string("country")),
		Kind: q.oneOf("kind", accord.ActivityKinds), Status: int(q.int("status", 1, 6)), Page: page, PerPage: perPage,
	}
	if c := f.Country; c != "" && (len(c) != 2 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		q.problems.Add("country", "must be an ISO 3166-1 alpha-2 code such as ML, not %q", q.string("country"))
	}
	return listed(w, r, q, f, a.store.ListActivities, activityOut)
}

func (a *API) activity() resource[accord.Activity] {
	return resource[accord.Activity]{path: "/api/v1/activities/", get: a.store.GetActivity,
		keys: func(x *accord.Activity) (*int64, *int) { return &x.ID, &x.Version }, out: activityOut}
}

func (a *API) getActivity(w http.ResponseWriter, r *http.Request) error {
	return a.activity().read(w, r)
}

// createActivity stores a new activity. A new activity has no beneficiary
// countries to send back, so any in the body are refused.
func (a *API) createActivity(w http.ResponseWriter, r *http.Request) error {
	return a.activity().create(w, r, func(ctx context.Context, x *accord.Activity) error {
		if err := derived(x.Beneficiaries, nil); err != nil {
			return err
		}
		x.Beneficiaries = nil
		return a.store.CreateActivity(ctx, x)
	})
}

// updateActivity replaces the activity, with its organizations, countries,
// groups and sectors, by the body. beneficiary_countries may be sent back
// as read (even with countries or groups changed: it is derived again on save).
func (a *API) updateActivity(w http.ResponseWriter, r *http.Request) error {
	return a.activity().update(w, r, func(ctx context.Context, x *accord.Activity) error {
		if x.Beneficiaries != nil {
			// Only an activity at the version being changed is compared. When it
			// cannot be read, or is at another version, the service's answer
			// (403, 404, 409 or 412) says more than a mismatch would.
			if current, err := a.store.GetActivity(ctx, x.ID); err == nil && current.Version == x.Version {
				if err := derived(x.Beneficiaries, current.Beneficiaries); err != nil {
					return err
				}
			}
		}
		x.Beneficiaries = nil
		return a.store.UpdateActivity(ctx, x)
	})
}

// derived refuses beneficiary countries in a body that differ from the
// stored ones (in any order or case).
func derived(given, stored []string) error {
	if len(given) == 0 && len(stored) == 0 {
		return nil
	}
	norm := func(cs []string) []string {
		out := make([]string, 0, len(cs))
		for _, c := range cs {
			if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
				out = append(out, c)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	if slices.Equal(norm(given), norm(stored)) {
		return nil
	}
	return invalid("beneficiary_countries", "is derived from countries and groups (each group counts for its member countries) and cannot be set; "+
		"leave it out, or send it back as read, and change countries or groups instead")
}

// activityOut writes absent lists as [] rather than null, as reads do.
// beneficiary_countries is left out when empty.
func activityOut(x *accord.Activity) *accord.Activity {
	if x.Implementing == nil {
		x.Implementing = []accord.EngagementOrg{}
	}
	if x.Countries == nil {
		x.Countries = []string{}
	}
	if x.Groups == nil {
		x.Groups = []string{}
	}
	if x.Sectors == nil {
		x.Sectors = []accord.ActivitySector{}
	}
	return x
}
