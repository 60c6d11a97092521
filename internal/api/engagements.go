package api

import (
	"net/http"

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
	return listed(w, r, q, f, a.store.ListEngagements, engagementOut)
}

func (a *API) engagement() resource[accord.Engagement] {
	return resource[accord.Engagement]{path: "/api/v1/engagements/", get: a.store.GetEngagement,
		keys: func(e *accord.Engagement) (*int64, *int) { return &e.ID, &e.Version }, out: engagementOut}
}

func (a *API) getEngagement(w http.ResponseWriter, r *http.Request) error {
	return a.engagement().read(w, r)
}

func (a *API) createEngagement(w http.ResponseWriter, r *http.Request) error {
	return a.engagement().create(w, r, a.store.CreateEngagement)
}

// updateEngagement replaces the engagement, with its organizations,
// participants and sources, by the body.
func (a *API) updateEngagement(w http.ResponseWriter, r *http.Request) error {
	return a.engagement().update(w, r, a.store.UpdateEngagement)
}

// deleteEngagement erases an engagement. The service refuses (409) while
// action points come from it: what was agreed is not lost with the meeting.
func (a *API) deleteEngagement(w http.ResponseWriter, r *http.Request) error {
	return a.engagement().remove(w, r, a.store.DeleteEngagement)
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
