package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
)

// Engagements carry their organizations, participants and sources: a body
// holds them all, and PUT replaces them all. An engagement is deleted for
// good, but only while no action point comes from it (else 409).

func (a *API) listEngagements(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "kind", "org_id", "person_id", "country", "from", "to")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.EngagementFilter{
		Q: q.string("q"), Kind: q.oneOf("kind", accord.EngagementKinds), OrgID: q.id("org_id"), PersonID: q.id("person_id"),
		Country: q.string("country"), From: q.date("from"), To: q.date("to"), Page: page, PerPage: perPage,
	}
	if c := f.Country; c != "" && len(c) != 2 {
		q.problems.Add("country", "must be an ISO 3166-1 alpha-2 code such as CH, not %q", c)
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		q.problems.Add("to", "is %s, before from (%s)", f.To, f.From)
	}
	if err := q.err(); err != nil {
		return err
	}
	items, total, err := a.store.ListEngagements(r.Context(), f)
	if err != nil {
		return err
	}
	for _, e := range items {
		engagementOut(e)
	}
	return writeList(w, items, total)
}

func (a *API) getEngagement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := a.store.GetEngagement(r.Context(), id)
	if err != nil {
		return err
	}
	return writeRecord(w, http.StatusOK, e.Version, engagementOut(e))
}

func (a *API) createEngagement(w http.ResponseWriter, r *http.Request) error {
	var e accord.Engagement
	if err := decodeBody(w, r, &e); err != nil {
		return err
	}
	if err := a.store.CreateEngagement(r.Context(), &e); err != nil {
		return err
	}
	return writeCreated(w, "/api/v1/engagements/"+strconv.FormatInt(e.ID, 10), e.Version, engagementOut(&e))
}

// updateEngagement replaces the engagement, with its organizations,
// participants and sources, by the body.
func (a *API) updateEngagement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var e accord.Engagement
	if err := decodeBody(w, r, &e); err != nil {
		return err
	}
	if err := sameID(id, e.ID); err != nil {
		return err
	}
	pre, err := preconditionFor(r, e.Version)
	if err != nil {
		return err
	}
	e.ID, e.Version = id, pre.version
	if err := a.store.UpdateEngagement(r.Context(), &e); err != nil {
		return pre.stale(r.Context(), err, a.engagementVersion(id))
	}
	return writeRecord(w, http.StatusOK, e.Version, engagementOut(&e))
}

// deleteEngagement erases an engagement. The service refuses (409) while
// action points come from it: what was agreed is not lost with the meeting.
func (a *API) deleteEngagement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pre, err := versionOnly(w, r)
	if err != nil {
		return err
	}
	if err := a.store.DeleteEngagement(r.Context(), id, pre.version); err != nil {
		return pre.stale(r.Context(), err, a.engagementVersion(id))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) engagementVersion(id int64) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		e, err := a.store.GetEngagement(ctx, id)
		if err != nil {
			return 0, err
		}
		return e.Version, nil
	}
}

// engagementOut writes absent lists as [] rather than null, as reads do:
// a record sent without topics comes back from create with "topics": [].
func engagementOut(e *accord.Engagement) *accord.Engagement {
	if e.Topics == nil {
		e.Topics = []string{}
	}
	if e.Organizations == nil {
		e.Organizations = []accord.EngagementOrg{}
	}
	if e.Participants == nil {
		e.Participants = []accord.Participant{}
	}
	if e.Sources == nil {
		e.Sources = []accord.Source{}
	}
	return e
}
