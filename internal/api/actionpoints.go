package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
)

// Action points: their fields change with PUT, their status only with
// POST …/transition, which applies the rules of the status machine
// (open → in_progress → done | dropped; done needs a note, dropped a reason).
// overdue is derived on every read against the API's clock, never stored.

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
	now := a.now()
	if overdue == nil || *overdue {
		f.Overdue = overdue != nil
		items, total, err := a.store.ListActionPoints(r.Context(), f, now)
		if err != nil {
			return err
		}
		return writeList(w, actionPointsOut(items), total)
	}
	// overdue=false: the service filters only for overdue points, so the
	// others are picked from all matches here and the page cut from them.
	f.Unlimited = true
	all, _, err := a.store.ListActionPoints(r.Context(), f, now)
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

func (a *API) getActionPoint(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ap, err := a.store.GetActionPoint(r.Context(), id, a.now())
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, ap.Version, actionPointOut(ap))
}

// createActionPoint stores a new point, which is always open: a status
// (other than open) or a status note in the body is refused, not ignored,
// so that nobody believes a point was created done.
func (a *API) createActionPoint(w http.ResponseWriter, r *http.Request) error {
	var ap accord.ActionPoint
	if err := decodeBody(w, r, &ap); err != nil {
		return err
	}
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
	if err := a.store.CreateActionPoint(r.Context(), &ap); err != nil {
		return err
	}
	ap.Overdue = ap.IsOverdue(a.now())
	return writeCreated(w, "/api/v1/action-points/"+strconv.FormatInt(ap.ID, 10), ap.Version, actionPointOut(&ap))
}

// updateActionPoint replaces the fields of a point (text, owner, parties,
// due date, priority, engagement). Its status and status note are kept; a
// body that would change them is refused and pointed to …/transition.
// Sending them back unchanged, as read, is fine.
func (a *API) updateActionPoint(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var ap accord.ActionPoint
	if err := decodeBody(w, r, &ap); err != nil {
		return err
	}
	if err := sameID(id, ap.ID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, ap.Version)
	if err != nil {
		return err
	}
	if ap.Status != "" || ap.StatusNote != "" {
		// Only a point at the version being changed is compared. When it
		// cannot be read, or is at another version, the service's answer
		// (403, 404, 409 or 412) says more than a status mismatch would.
		if current, err := a.store.GetActionPoint(r.Context(), id, a.now()); err == nil && current.Version == pre.version {
			var p accord.Problems
			if ap.Status != "" && ap.Status != current.Status {
				p.Add("status", "is %s and does not change with PUT; use POST /api/v1/action-points/%d/transition", current.Status, id)
			}
			if ap.StatusNote != "" && ap.StatusNote != current.StatusNote {
				p.Add("status_note", "does not change with PUT; it is given with a change of status, by POST /api/v1/action-points/%d/transition", id)
			}
			if err := p.Err(); err != nil {
				return err
			}
		}
	}
	ap.ID, ap.Version = id, pre.version
	if err := a.store.UpdateActionPoint(r.Context(), &ap); err != nil {
		return pre.stale(r.Context(), err, a.actionPointVersion(id))
	}
	ap.Overdue = ap.IsOverdue(a.now())
	return writeRecord(w, http.StatusOK, ap.Version, actionPointOut(&ap))
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
		return pre.stale(r.Context(), err, a.actionPointVersion(id))
	}
	ap.Overdue = ap.IsOverdue(a.now())
	return writeRecord(w, http.StatusOK, ap.Version, actionPointOut(ap))
}

func (a *API) actionPointVersion(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		ap, err := a.store.GetActionPoint(ctx, id, a.now())
		if err != nil {
			return 0, err
		}
		return ap.Version, nil
	}
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
