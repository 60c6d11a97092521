package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
)

// Agreements: their fields (parties and signatures included, until
// signature) change with PUT; their status only with POST …/transition,
// by the rules of accord.Agreement.Transition; their signed text only with
// POST …/amendments, which numbers the amendments 1, 2, … Every method that
// judges a date ("not in the future", "expiring within") judges it against
// the store's clock.

func (a *API) listAgreements(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "q", "page", "per_page", "kind", "status", "org_id", "expiring_days")
	if err != nil {
		return err
	}
	page, perPage := q.page()
	f := accord.AgreementFilter{
		Q: q.string("q"), Kind: q.oneOf("kind", accord.AgreementKinds), Status: q.oneOf("status", accord.AgreementStatuses),
		OrgID: q.id("org_id"), ExpiringDays: int(q.int("expiring_days", 1, 3650)), Page: page, PerPage: perPage,
	}
	return listed(w, r, q, f, a.store.ListAgreements, agreementOut)
}

func (a *API) agreement() resource[accord.Agreement] {
	return resource[accord.Agreement]{path: "/api/v1/agreements/", get: a.store.GetAgreement,
		keys: func(g *accord.Agreement) (*int64, *int) { return &g.ID, &g.Version }, out: agreementOut}
}

func (a *API) getAgreement(w http.ResponseWriter, r *http.Request) error {
	return a.agreement().read(w, r)
}

// createAgreement stores a new agreement, which is always a draft: a
// status (other than draft), termination, supersession or amendments in
// the body are refused, not ignored, so that nobody believes an agreement
// was created signed or in force.
func (a *API) createAgreement(w http.ResponseWriter, r *http.Request) error {
	return a.agreement().create(w, r, func(ctx context.Context, g *accord.Agreement) error {
		var p accord.Problems
		const transition = "POST /api/v1/agreements/{id}/transition"
		if g.Status != "" && g.Status != accord.AgDraft {
			p.Add("status", "a new agreement is always a draft; change its status afterwards with %s", transition)
		}
		if g.TerminatedOn != "" {
			p.Add("terminated_on", "is given when the agreement is terminated, by %s", transition)
		}
		if strings.TrimSpace(g.TerminationReason) != "" {
			p.Add("termination_reason", "is given when the agreement is terminated, by %s", transition)
		}
		if g.SupersededBy != nil {
			p.Add("superseded_by", "is given when the agreement is superseded, by %s", transition)
		}
		if len(g.Amendments) > 0 {
			p.Add("amendments", "are recorded one by one, once the agreement is signed, by POST /api/v1/agreements/{id}/amendments")
		}
		if err := p.Err(); err != nil {
			return err
		}
		g.Amendments = nil
		return a.store.CreateAgreement(ctx, g)
	})
}

// updateAgreement replaces the fields of an agreement: kind, title,
// summary, engagement, parties and signatures, dates, notice, renewal.
// Its status, termination, supersession and amendments are kept; a body
// that would change them is refused and pointed to the endpoint that does.
// Sending them back unchanged, as read, is fine. Once signed, the parties
// and signatures are fixed (the service refuses a change, naming parties).
func (a *API) updateAgreement(w http.ResponseWriter, r *http.Request) error {
	return a.agreement().update(w, r, func(ctx context.Context, g *accord.Agreement) error {
		// Only an agreement at the version being changed is compared. When it
		// cannot be read, or is at another version, the service's answer
		// (403, 404, 409 or 412) says more than a mismatch would.
		if current, err := a.store.GetAgreement(ctx, g.ID); err == nil && current.Version == g.Version {
			if err := kept(g, current); err != nil {
				return err
			}
		}
		return a.store.UpdateAgreement(ctx, g)
	})
}

// kept checks that a PUT body leaves alone what PUT does not change.
func kept(g, current *accord.Agreement) error {
	var p accord.Problems
	transition := fmt.Sprintf("POST /api/v1/agreements/%d/transition", current.ID)
	if g.Status != "" && g.Status != current.Status {
		p.Add("status", "is %s and does not change with PUT; use %s", current.Status, transition)
	}
	if g.TerminatedOn != "" && g.TerminatedOn != current.TerminatedOn {
		p.Add("terminated_on", "does not change with PUT; it is given when the agreement is terminated, by %s", transition)
	}
	if g.TerminationReason != "" && strings.TrimSpace(g.TerminationReason) != current.TerminationReason {
		p.Add("termination_reason", "does not change with PUT; it is given when the agreement is terminated, by %s", transition)
	}
	if g.SupersededBy != nil && (current.SupersededBy == nil || *g.SupersededBy != *current.SupersededBy) {
		p.Add("superseded_by", "does not change with PUT; it is given when the agreement is superseded, by %s", transition)
	}
	if g.Amendments != nil && !slices.Equal(g.Amendments, current.Amendments) {
		p.Add("amendments", "do not change with PUT; record the next one with POST /api/v1/agreements/%d/amendments", current.ID)
	}
	return p.Err()
}

// agreementTransitionBody moves an agreement to another status: the fields
// of accord.StatusChange, and the version being changed.
type agreementTransitionBody struct {
	Status       string      `json:"status"`
	Date         accord.Date `json:"date"`          // terminated: the day of termination
	Reason       string      `json:"reason"`        // terminated: why
	SupersededBy *int64      `json:"superseded_by"` // superseded: the agreement that replaces it
	Version      int         `json:"version"`       // when If-Match is not sent
}

func (a *API) transitionAgreement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b agreementTransitionBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	pre, err := preconditionFor(r, b.Version)
	if err != nil {
		return err
	}
	// What the move does not use is refused, not dropped: a reason sent
	// with a suspension would otherwise be lost without a word.
	var p accord.Problems
	if slices.Contains(accord.AgreementStatuses, b.Status) {
		if b.Date != "" && b.Status != accord.AgTerminated {
			p.Add("date", "is the day of termination, given only with status terminated")
		}
		if b.Reason != "" && b.Status != accord.AgTerminated {
			p.Add("reason", "is the reason for termination, given only with status terminated")
		}
		if b.SupersededBy != nil && b.Status != accord.AgSuperseded {
			p.Add("superseded_by", "is the agreement that replaces this one, given only with status superseded")
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	c := accord.StatusChange{To: b.Status, Date: b.Date, Reason: b.Reason, SupersededBy: b.SupersededBy}
	g, err := a.store.TransitionAgreement(r.Context(), id, pre.version, c)
	if err != nil {
		return pre.stale(r.Context(), err, a.agreement().version(id))
	}
	return writeRecord(w, http.StatusOK, g.Version, agreementOut(g))
}

// amendmentBody records an amendment: the fields of accord.Amendment a
// client gives, and the version of the agreement being amended.
type amendmentBody struct {
	Date    accord.Date `json:"date"`
	Changes string      `json:"changes"`
	Reason  string      `json:"reason"`
	Version int         `json:"version"` // when If-Match is not sent
}

// amendAgreement records the next numbered amendment of a signed agreement
// and answers the agreement, amendments included, at its new version.
func (a *API) amendAgreement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b amendmentBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	pre, err := preconditionFor(r, b.Version)
	if err != nil {
		return err
	}
	m := accord.Amendment{Date: b.Date, Changes: b.Changes, Reason: b.Reason}
	g, err := a.store.AmendAgreement(r.Context(), id, pre.version, m)
	if err != nil {
		return pre.stale(r.Context(), err, a.agreement().version(id))
	}
	return writeCreated(w, agreementPath(g.ID), g.Version, agreementOut(g))
}

// agreementHistory answers every change of an agreement, oldest first, to
// whoever may read the agreement (404 to whoever may not).
func (a *API) agreementHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := parseQuery(r); err != nil {
		return err
	}
	items, err := a.store.AgreementHistory(r.Context(), id)
	if err != nil {
		return err
	}
	return writeList(w, items, len(items))
}

func agreementPath(id int64) string { return "/api/v1/agreements/" + strconv.FormatInt(id, 10) }

// agreementOut writes absent lists as [] rather than null, as reads do.
func agreementOut(g *accord.Agreement) *accord.Agreement {
	if g.Parties == nil {
		g.Parties = []accord.AgreementParty{}
	}
	if g.Amendments == nil {
		g.Amendments = []accord.Amendment{}
	}
	return g
}
