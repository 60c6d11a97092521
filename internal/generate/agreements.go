package generate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// agrRef is a written agreement as plans see it.
type agrRef struct {
	id         int64
	kind       string
	status     string
	orgs       []int
	start, end time.Time // in force from, until (or three years on)
	topic      int
	about      string
}

var (
	agreementStatuses = newWeighted([]string{accord.AgDraft, accord.AgNegotiation, accord.AgClearance, accord.AgSigned, accord.AgActive,
		accord.AgSuspended, accord.AgExpired, accord.AgTerminated, accord.AgSuperseded}, []float64{6, 6, 4, 4, 40, 2, 28, 5, 5})
	agreementKinds = newWeighted(accord.AgreementKinds, []float64{35, 20, 10, 10, 8, 7, 10})
)

// agreements writes agreements in a realistic mix of statuses: most active
// or expired, some still drafts, a few terminated or superseded. About one
// active agreement in ten expires within the next 90 days.
func (g *gen) agreements() error {
	var list []*accord.Agreement
	var refs []agrRef
	for i := range g.want.Agreements {
		a, ref := g.agreement()
		list, refs = append(list, a), append(refs, ref)
		// Small batches: an agreement is superseded only by one written before.
		if len(list) < batch/5 && i < g.want.Agreements-1 {
			continue
		}
		if err := g.w.Agreements(list); err != nil {
			return err
		}
		for j, a := range list {
			refs[j].id = a.ID
		}
		g.agrs = append(g.agrs, refs...)
		g.progress(len(list))
		list, refs = list[:0], refs[:0]
	}
	return nil
}

func (g *gen) agreement() (*accord.Agreement, agrRef) {
	ref := agrRef{kind: agreementKinds.draw(g.rng), status: agreementStatuses.draw(g.rng)}
	a := &accord.Agreement{Kind: ref.kind}
	base := g.dayIn(since, g.today)
	if len(g.engs) > 0 && g.chance(0.6) {
		e := g.engs[g.rng.IntN(len(g.engs))]
		if e.kind != "signing" && g.chance(0.5) {
			e = g.engs[g.rng.IntN(len(g.engs))]
		}
		if !e.day.After(g.today) {
			id := e.id
			a.EngagementID, base = &id, e.day
			ref.orgs, ref.topic, ref.about = slices.Clone(e.orgs), e.topic, e.about
		}
	}
	if ref.orgs == nil {
		ref.orgs, ref.topic, ref.about = g.drawOrgs(choose(g, []int{2, 2, 2, 3}), 0.6), g.drawTopic(), g.aFocusCountry().code
	}
	var superseding []int
	if ref.status == accord.AgSuperseded {
		for i := len(g.agrs) - 1; i >= 0 && len(superseding) < 20; i-- {
			if g.agrs[i].status == accord.AgActive {
				superseding = append(superseding, i)
			}
		}
		if len(superseding) == 0 {
			ref.status = accord.AgExpired
		}
	}
	a.Status = ref.status
	years := func(lo, hi int) int { return g.between(365*lo, 365*hi) }
	var signed time.Time // when the last party signed
	switch ref.status {
	case accord.AgDraft, accord.AgNegotiation, accord.AgClearance:
		if base.Before(g.today.AddDate(-2, 0, 0)) {
			base = g.dayIn(g.today.AddDate(-2, 0, 0), g.today)
		}
		if g.chance(0.5) {
			eff := base.AddDate(0, 0, g.between(90, 365))
			a.EffectiveDate, a.ExpiryDate = date(eff), date(eff.AddDate(0, 0, years(2, 5)))
		}
	case accord.AgSigned:
		signed = g.dayIn(latest(base, g.today.AddDate(0, 0, -120)), g.today)
		eff := signed.AddDate(0, 0, g.between(15, 90))
		a.EffectiveDate, a.ExpiryDate = date(eff), date(eff.AddDate(0, 0, years(2, 5)))
	case accord.AgActive, accord.AgSuspended:
		signed = g.dayIn(base, earliest(base.AddDate(0, 0, 180), g.today))
		eff := earliest(signed.AddDate(0, 0, g.between(0, 30)), g.today)
		a.EffectiveDate = date(eff)
		switch r := g.rng.Float64(); {
		case r < 0.12:
			a.ExpiryDate = date(g.today.AddDate(0, 0, g.between(1, 90)))
		case r < 0.9:
			a.ExpiryDate = date(g.today.AddDate(0, 0, g.between(91, 5*365)))
		} // else open-ended
	default: // expired, terminated, superseded: in force some years ago
		if base.After(g.today.AddDate(0, 0, -400)) {
			base = g.dayIn(since, g.today.AddDate(0, 0, -400))
		}
		signed = g.dayIn(base, base.AddDate(0, 0, 180))
		eff := signed.AddDate(0, 0, g.between(0, 30))
		expiry := g.dayIn(earliest(eff.AddDate(1, 0, 0), g.today.AddDate(0, 0, -1)), earliest(eff.AddDate(5, 0, 0), g.today.AddDate(0, 0, -1)))
		a.EffectiveDate, a.ExpiryDate = date(eff), date(expiry)
		switch ref.status {
		case accord.AgTerminated:
			a.ExpiryDate = date(eff.AddDate(0, 0, years(3, 5)))
			a.TerminatedOn = date(g.dayIn(earliest(eff.AddDate(0, 0, 30), g.today), g.today))
			a.TerminationReason = g.pick(terminationReasons)
		case accord.AgSuperseded:
			id := g.agrs[superseding[g.rng.IntN(len(superseding))]].id
			a.SupersededBy = &id
		}
	}
	var labels []string
	for _, i := range ref.orgs {
		o := g.orgs[i]
		labels = append(labels, o.label)
		pt := accord.AgreementParty{OrgID: o.id}
		if !signed.IsZero() {
			pt.SignedOn = date(latest(signed.AddDate(0, 0, -g.between(0, 20)), base))
			if len(o.staff) > 0 && g.chance(0.85) {
				s := o.staff[g.rng.IntN(len(o.staff))]
				pt.Signatory = s.name + ", " + s.title
			}
		}
		a.Parties = append(a.Parties, pt)
	}
	t, about := topics[ref.topic].name, g.countries[ref.about]
	parties := strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
	switch ref.kind {
	case "work_plan":
		y := base.Year()
		a.Title = fmt.Sprintf("Joint Work Plan %s %d–%d on %s", strings.Join(labels, "–"), y, y+1, t)
	case "funding_agreement":
		a.Title = fmt.Sprintf("Funding Agreement between %s: %s in %s", parties, t, about.in)
	default:
		a.Title = agreementKindTitles[ref.kind] + " between " + parties + " on " + t
	}
	a.Title = clip(a.Title, 300)
	a.Summary = fmt.Sprintf("Sets out how %s cooperate on %s, with a focus on %s: joint programming, exchange of information, technical assistance and an annual review.",
		parties, t, about.in)
	a.NoticeDays = choose(g, []int{0, 0, 30, 60, 90, 90, 180})
	a.AutoRenewal = g.chance(0.2)
	last := base
	if !signed.IsZero() {
		last = latest(last, signed)
	}
	if (ref.status == accord.AgActive || ref.status == accord.AgSuspended || ref.status == accord.AgExpired) && g.chance(0.1) && len(g.accounts) > 0 {
		for range g.between(1, 2) {
			day := g.dayIn(last, earliest(a.ExpiryDate.Time(), g.today))
			if a.ExpiryDate == "" {
				day = g.dayIn(last, g.today)
			}
			last = day
			a.Amendments = append(a.Amendments, accord.Amendment{Date: date(day), Changes: fill(g.pick(amendmentChanges), t),
				Reason: g.pick(amendmentReasons), CreatedBy: g.accounts[g.rng.IntN(len(g.accounts))].Email})
		}
	}
	if a.TerminatedOn != "" {
		last = latest(last, a.TerminatedOn.Time())
	}
	a.CreatedAt, a.UpdatedAt = g.timeOn(base), g.timeOn(earliest(last, g.today))
	ref.start = base
	if a.EffectiveDate != "" {
		ref.start = a.EffectiveDate.Time()
	}
	ref.end = ref.start.AddDate(3, 0, 0)
	if a.ExpiryDate != "" {
		ref.end = a.ExpiryDate.Time()
	}
	return a, ref
}
