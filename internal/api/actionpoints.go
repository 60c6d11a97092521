package api

import (
	"context"
	"net/http"

	"github.com/accordhq/accord/internal/accord"
)

// Action points: their fields change with PUT, their status only with
// POST …/transition, which applies the rules of the status machine
// (open → in_progress → done | dropped; done needs a note, dropped a reason).
// overdue is derived on every read against the store's clock, never stored.

func (a *API) listActionPoints(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "engagement_id", "owner_id", "org_id", "status", "overdue")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.ActionPointFilter{
		Q: q.string("q"), EngagementID: q.id("engagement_id"), OrgID: q.id("org_id"),
		Status: q.oneOf("status", accord.ActionPointStatuses), Page: page, PerPage: perPage,
	}
	if q.string("owner_id") == "me" {
		actor, err := accord.RequireActor(r.Context())
		if err != nil {
			return err
		}
		f.OwnerID = actor.UserID
	} else {
		f.OwnerID = q.id("owner_id")
	}
	overdue := q.bool("overdue")
	if err := q.err(); err != nil {
		return err
	}
	if overdue == nil || *overdue {
		f.Overdue = overdue != nil
		items, total, err := a.store.ListActionPoints(r.Context(), f)
		if err != nil {
			return err
		}
		return writeList(w, actionPointsOut(items), total)
	}
	// overdue=false: the service filters only for overdue points, so the
	// others are picked from all matches here and the page cut from them.
	f.Unlimited = true
	all, _, err := a.store.ListActionPoints(r.Context(), f)
	if err != nil {
		return err
	}
	var items []*accord.ActionPoint
	for _, ap := range all {
		if !ap.Overdue {
			items = append(items, ap)
		}
	}
	return writeList(w, actionPointsOut(window(items, max(page, 1), perPage)), len(items))
}

// actionPoint reads points with overdue judged against the store's clock.
func (a *API) actionPoint() resource[accord.ActionPoint] {
	return resource[accord.ActionPoint]{path: "/api/v1/action-points/", get: a.store.GetActionPoint,
		keys: func(ap *accord.ActionPoint) (*int64, *int) { return &ap.ID, &ap.Version }, out: actionPointOut}
}

func (a *API) getActionPoint(w http.ResponseWriter, r *http.Request) error {
	return a.actionPoint().read(w, r)
}

// createActionPoint stores a new point, which is always open: a status
// (other than open) or a status note in the body is refused, not ignored,
// so that nobody believes a point was created done.
func (a *API) createActionPoint(w http.ResponseWriter, r *http.Request) error {
	return a.actionPoint().create(w, r, func(ctx context.Context, ap *accord.ActionPoint) error {
		var p accord.Problems
		if ap.Status != "" && ap.Status != accord.APOpen {
			p.Add("status", "a new action point is always open; change its status afterwards with POST /api/v1/action-points/{id}/transition")
		}
		if ap.StatusNote != "" {
			p.Add("status_note", "is given with a change of status, by POST /api/v1/action-points/{id}/transition")
		}
		if err := p.Err(); err != nil {
			return err
		}
		return a.store.CreateActionPoint(ctx, ap)
	})
}

// updateActionPoint replaces the fields of a point (text, owner, parties,
// due date, priority, engagement). Its status and status note are kept; a
// body that would change them is refused and pointed to …/transition.
// Sending them back unchanged, as read, is fine.
func (a *API) updateActionPoint(w http.ResponseWriter, r *http.Request) error {
	return a.actionPoint().update(w, r, func(ctx context.Context, ap *accord.ActionPoint) error {
		if err := a.statusKept(ctx, ap); err != nil {
			return err
		}
		return a.store.UpdateActionPoint(ctx, ap)
	})
}

// statusKept refuses a PUT body that would change the status or the note
// of a point. Only a point at the version being changed is compared. When
// it cannot be read, or is at another version, the service's answer (403,
// 404, 409 or 412) says more than a status mismatch would.
func (a *API) statusKept(ctx context.Context, ap *accord.ActionPoint) error {
	if ap.Status == "" && ap.StatusNote == "" {
		return nil
	}
	current, err := a.store.GetActionPoint(ctx, ap.ID)
	if err != nil || current.Version != ap.Version {
		return nil
	}
	var p accord.Problems
	if ap.Status != "" && ap.Status != current.Status {
		p.Add("status", "is %s and does not change with PUT; use POST /api/v1/action-points/%d/transition", current.Status, ap.ID)
	}
	if ap.StatusNote != "" && ap.StatusNote != current.StatusNote {
		p.Add("status_note", "does not change with PUT; it is given with a change of status, by POST /api/v1/action-points/%d/transition", ap.ID)
	}
	return p.Err()
}

// transitionBody moves an action point to another status.
type transitionBody struct {
	Status  string `json:"status"`
	Note    string `json:"note"`    // what was done (done), or why (dropped)
	Version int    `json:"version"` // when If-Match is not sent
}

func (a *API) transitionActionPoint(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b transitionBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	pre, err := preconditionFor(r, b.Version)
	if err != nil {
		return err
	}
	ap, err := a.store.TransitionActionPoint(r.Context(), id, pre.version, b.Status, b.Note)
	if err != nil {
		return pre.stale(r.Context(), err, a.actionPoint().version(id))
	}
	return writeRecord(w, http.StatusOK, ap.Version, actionPointOut(ap))
}

// actionPointOut writes absent parties as [] rather than null, as reads do.
func actionPointOut(ap *accord.ActionPoint) *accord.ActionPoint {
	if ap.Parties == nil {
		ap.Parties = []accord.EngagementOrg{}
	}
	return ap
}

func actionPointsOut(items []*accord.ActionPoint) []*accord.ActionPoint {
	for _, ap := range items {
		actionPointOut(ap)
	}
	return items
}
