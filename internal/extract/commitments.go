package extract

import (
	"fmt"
	"math"
	"strings"
)

// Commitment vocabulary.
var (
	mouWords      = setOf("mou", "memorandum", "memoranda", "moa")
	agreementWord = setOf("agreement", "agreements", "accord", "deal", "contract", "treaty", "protocol")
	frameworkNext = setOf("collaboration", "cooperation", "engagement", "partnership")
	eventWords    = setOf("seminar", "seminars", "workshop", "workshops", "conference", "conferences", "forum",
		"symposium", "exhibition", "course", "courses", "webinar", "webinars", "roundtable")
	otherWords     = setOf("committee", "commission", "task", "group", "mechanism", "contacts", "consultations")
	auxiliaries    = setOf("was", "were", "been", "is", "are", "be", "have", "has", "had", "will", "would", "to")
	determinersNew = setOf("a", "an", "two", "three", "four", "several", "new", "another")
	definite       = setOf("the", "this", "these", "that", "those", "its", "their", "both", "such", "said")
	moneyVerbs     = setOf("pledge", "pledged", "pledges", "donation", "donations", "donated", "donates",
		"contribution", "contributions", "contributed", "grant", "grants", "granted", "gift", "allocated",
		"allocates", "funding", "presented", "present", "presents", "handed", "delivered", "worth", "provide",
		"provided", "provides", "announced", "announces", "donate", "ink", "inks", "inked", "signed", "offers",
		"offered")
	cumulative = setOf("since", "total", "totalling", "totaling", "past", "so", "lifts", "cumulative",
		"previously", "altogether", "overall", "decade", "annual", "annually", "each", "per")
	developVerbs = setOf("develop", "draw", "drawn", "prepare", "conclude", "establish", "sign", "finalize",
		"finalise", "elaborate", "formulate", "negotiate", "set")
	deliveryWords = setOf("presented", "present", "presents", "donated", "donates", "donate", "donation",
		"handed", "handover", "delivered", "gift", "arrived", "received", "receives", "dispatched", "shipped")
)

// sentWords returns the folded words of a sentence outside quotes.
func (d *doc) sentWords(s span) map[string]bool {
	m := map[string]bool{}
	for i := s.start; i < s.end; i++ {
		d.work++
		if d.toks[i].kind == tWord && !d.quote[i] {
			m[d.toks[i].norm] = true
		}
	}
	return m
}

func hasAny(words, set map[string]bool) bool {
	for w := range words {
		if set[w] {
			return true
		}
	}
	return false
}

// signedHere reports whether the sentence reports a signing as news: a
// finite or future "signed" ("was signed", "have signed", "signed an
// agreement", "will sign"), "inked", or an agreement to draw up an
// instrument. A bare participle ("the agreement signed between them")
// refers to an earlier signing and does not count.
func (d *doc) signedHere(s span) bool {
	for i := s.start; i < s.end; i++ {
		d.work++
		t := &d.toks[i]
		if t.kind != tWord || d.quote[i] {
			continue
		}
		switch t.norm {
		case "ink", "inks", "inked", "signatures", "seal", "seals", "sealed":
			return true
		case "signed", "sign", "signs", "concluded", "drawn", "signing":
			if t.norm == "signing" && i+1 < s.end && d.toks[i+1].norm == "ceremony" {
				return true
			}
			if i == s.start || (d.headline == s) {
				return true
			}
			for k := i - 1; k >= s.start && k >= i-3; k-- {
				if auxiliaries[d.toks[k].norm] {
					return true
				}
			}
			if i+1 < s.end && (determinersNew[d.toks[i+1].norm] || d.toks[i+1].norm == "on" || d.toks[i+1].norm == "by") && t.norm != "drawn" {
				// "signed a MoU", "signed on Monday by"
				if d.toks[i+1].norm != "by" || i > s.start {
					return true
				}
			}
			if t.norm == "signed" && i+1 < s.end && d.toks[i+1].norm == "by" && d.headline != s {
				// "MoU signed by X and Y" in running text reports it.
				return true
			}
		case "agreed":
			for k := i + 1; k < s.end && k < i+25; k++ {
				if developVerbs[d.toks[k].norm] {
					return true
				}
			}
		}
	}
	return false
}

// instrument is an instrument noun found in a sentence.
type instrument struct {
	kind  string
	start int
	end   int
	isNew bool // indefinite: "a memorandum", not "the memorandum"
}

func (d *doc) instruments(s span) []instrument {
	var out []instrument
	for i := s.start; i < s.end; i++ {
		d.work++
		t := &d.toks[i]
		if t.kind != tWord || d.quote[i] {
			continue
		}
		kind, end := "", i+1
		switch {
		case mouWords[t.norm]:
			kind = "mou"
			if i+2 < s.end && d.toks[i+1].norm == "of" && d.toks[i+2].norm == "understanding" {
				end = i + 3
			}
		case t.norm == "plan" && i+2 < s.end && d.toks[i+1].norm == "of" && d.toks[i+2].norm == "action":
			kind, end = "plan_of_action", i+3
		case (t.norm == "plan" || t.norm == "plans") && i > s.start && (d.toks[i-1].norm == "action" || d.toks[i-1].norm == "work"):
			kind = "plan_of_action"
		case t.norm == "workplan" || t.norm == "roadmap":
			kind = "plan_of_action"
		case agreementWord[t.norm]:
			kind = "agreement"
			if t.norm == "deal" && !(i+1 < s.end && (d.toks[i+1].norm == "to" || d.toks[i+1].norm == "worth" || d.toks[i+1].norm == "for")) && d.headline != s {
				kind = "agreement"
			}
		case t.norm == "framework" && i+2 < s.end && d.toks[i+1].norm == "of" && frameworkNext[d.toks[i+2].norm]:
			kind, end = "agreement", i+3
		}
		if kind == "" {
			continue
		}
		// The determiner: skip back over adjectives and the instrument's
		// own modifiers ("a new joint", "the updated").
		isNew := false
		k := i - 1
		for k >= s.start && k > i-6 {
			w := &d.toks[k]
			if determinersNew[w.norm] || definite[w.norm] || w.kind != tWord {
				break
			}
			k--
		}
		if k >= s.start && determinersNew[d.toks[k].norm] {
			isNew = true
		}
		if k < s.start || (!definite[d.toks[k].norm] && !determinersNew[d.toks[k].norm]) {
			isNew = true // headlines and bare plurals
		}
		if k >= s.start && d.toks[k].kind == tNum {
			isNew = true // "$4.5 million cooperation agreement"
		}
		if k >= s.start && d.toks[k].kind == tPunct && d.toks[k].norm != "," && d.toks[k].norm != "(" {
			isNew = true
		}
		out = append(out, instrument{kind: kind, start: i, end: end, isNew: isNew})
		i = end - 1
	}
	return out
}

// findCommitments reads each sentence for signed or agreed instruments,
// pledges and deliveries, and agreed events; then merges duplicates
// (a headline repeats the lead; "the agreement" refers back) and drops
// totals that sum other commitments.
func (a *analysis) findCommitments() []Commitment {
	d := a.doc
	docSigns := false
	for _, s := range d.sents {
		w := d.sentWords(s)
		if w["signed"] || w["signing"] || w["sign"] || w["inked"] || w["signatures"] {
			docSigns = true
			break
		}
	}
	var out []Commitment
	for _, s := range d.sents {
		if d.stopped() {
			return nil
		}
		if len(out) >= maxCommitments {
			a.notes = append(a.notes, fmt.Sprintf("only the first %d commitments were read", maxCommitments))
			break
		}
		if d.inDateline(s.start) && d.inDateline(s.end-1) {
			continue
		}
		words := d.sentWords(s)
		amts := d.amounts(s)
		if hasAny(words, cumulative) {
			amts = nil
		}
		var money []amount
		var goods []amount
		for _, am := range amts {
			if d.inDateline(am.start) {
				continue
			}
			if am.currency != "" {
				money = append(money, am)
			} else {
				goods = append(goods, am)
			}
		}
		text := strings.TrimSpace(d.spanText(s))
		insts := d.instruments(s)
		signed := d.signedHere(s)
		added := false
		if signed || hasAny(words, moneyVerbs) && len(money) > 0 {
			for n, in := range insts {
				if !in.isNew && len(money) == 0 {
					continue // "the agreement" refers back
				}
				if !signed && len(money) == 0 {
					continue
				}
				c := Commitment{Text: text, Kind: in.kind}
				// The first instrument of the sentence carries its sum.
				if n == 0 && len(money) > 0 {
					setAmount(&c, money[0])
				}
				out = append(out, c)
				added = true
			}
		}
		if !added && len(money) > 0 && hasAny(words, moneyVerbs) && (len(insts) == 0 || !signed) {
			kind := "pledge"
			if len(insts) > 0 || (docSigns && (words["grant"] || words["contribution"])) {
				kind = "agreement"
			}
			for _, m := range money {
				c := Commitment{Text: text, Kind: kind}
				if len(goods) == 1 && kind == "pledge" && hasAny(words, deliveryWords) {
					setAmount(&c, goods[0])
				} else {
					setAmount(&c, m)
				}
				out = append(out, c)
				added = true
				break
			}
		}
		if !added && len(goods) > 0 && len(insts) == 0 && hasAny(words, deliveryWords) {
			c := Commitment{Text: text, Kind: "pledge"}
			if len(goods) == 1 {
				setAmount(&c, goods[0])
			}
			out = append(out, c)
			added = true
		}
		if !added && (words["agreed"] || words["agree"] || words["decided"]) {
			switch {
			case hasAny(words, eventWords):
				out = append(out, Commitment{Text: text, Kind: "event"})
			case hasAny(words, otherWords) && hasAny(words, developVerbs):
				out = append(out, Commitment{Text: text, Kind: "other"})
			}
		}
	}
	return mergeCommitments(out)
}

func setAmount(c *Commitment, am amount) {
	v := am.value
	c.Amount = &v
	if am.currency != "" {
		cur := am.currency
		c.Currency = &cur
	} else {
		c.Unit = am.unit
	}
}

func sameAmount(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 0.005*math.Max(math.Abs(*a), math.Abs(*b))
}

func sameCurrency(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// mergeCommitments drops repeats of one commitment: the same kind and sum;
// an instrument without a sum when one of its kind has one; and a sum
// that totals two or more others in the same currency.
func mergeCommitments(in []Commitment) []Commitment {
	var out []Commitment
	for _, c := range in {
		dup := false
		for i, o := range out {
			if o.Kind != c.Kind {
				continue
			}
			if sameAmount(o.Amount, c.Amount) && sameCurrency(o.Currency, c.Currency) {
				dup = true
				break
			}
			if o.Amount == nil && c.Amount != nil && c.Kind != "plan_of_action" && c.Kind != "event" {
				out[i] = c // the sum tells us more
				dup = true
				break
			}
			if c.Amount == nil && o.Amount != nil && c.Kind != "plan_of_action" && c.Kind != "event" {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	// Totals.
	var final []Commitment
	for i, c := range out {
		if c.Amount != nil && c.Currency != nil {
			sum, n := 0.0, 0
			for j, o := range out {
				if j != i && o.Amount != nil && o.Currency != nil && *o.Currency == *c.Currency && *o.Amount < *c.Amount {
					sum += *o.Amount
					n++
				}
			}
			if n >= 2 && math.Abs(sum-*c.Amount) <= 0.005**c.Amount {
				continue
			}
		}
		final = append(final, c)
	}
	if final == nil {
		final = []Commitment{}
	}
	return final
}
