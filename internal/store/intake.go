package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/accordhq/accord/internal/accord"
)

// ConfirmIntake saves what an officer confirmed from a press release in one
// transaction: new organizations, new people and new positions, the
// engagement with its participants, its action points, its pledges and the
// release as its source document. Any problem (a rule, a missing exchange
// rate) names the item at fault and saves nothing.
func (db *DB) ConfirmIntake(ctx context.Context, in *accord.Intake) (*accord.IntakeResult, error) {
	actor, err := accord.RequireWriter(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var res *accord.IntakeResult
	err = retryOnUnique(func() error {
		return db.inTx(ctx, func(tx *Tx) error {
			res = &accord.IntakeResult{}
			return tx.confirmIntake(actor, in, res)
		})
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (tx *Tx) confirmIntake(actor accord.Actor, in *accord.Intake, res *accord.IntakeResult) error {
	if err := tx.intakeOrgs(in, res); err != nil {
		return err
	}
	e := in.Engagement
	if err := e.Validate(); err != nil {
		return withPrefix("engagement", err)
	}
	if err := tx.intakePeople(in, e.Date, res); err != nil {
		return err
	}
	e.ID = 0
	e.Organizations = nil
	for _, id := range res.OrgIDs {
		e.Organizations = append(e.Organizations, accord.EngagementOrg{OrgID: id})
	}
	e.Participants = nil
	for i, p := range in.People {
		pt := accord.Participant{PersonID: res.PersonIDs[i], Title: p.Title}
		if p.Org >= 0 {
			pt.OrgID = res.OrgIDs[p.Org]
		}
		e.Participants = append(e.Participants, pt)
	}
	if err := tx.createEngagement(&e); err != nil {
		return withPrefix("engagement", err)
	}
	res.EngagementID = e.ID
	in.Engagement.ID = e.ID
	for i, act := range in.Actions {
		a := &accord.ActionPoint{EngagementID: e.ID, Text: act.Text, DueDate: act.DueDate, Priority: "normal"}
		for _, k := range act.Parties {
			a.Parties = append(a.Parties, accord.EngagementOrg{OrgID: res.OrgIDs[k]})
		}
		if err := tx.createActionPoint(a); err != nil {
			return withPrefix(fmt.Sprintf("actions[%d]", i), err)
		}
		res.ActionPointIDs = append(res.ActionPointIDs, a.ID)
	}
	for i, pl := range in.Pledges {
		f := &accord.Flow{Status: accord.FlowPledge, Type: "standard", Contribution: pl.Contribution, Description: pl.Description,
			SourceOrgID: res.OrgIDs[pl.Source], Country: pl.Country, ValueDate: e.Date, Amount: pl.Amount, Currency: pl.Currency,
			Rate: pl.Rate, Quantity: pl.Quantity, Unit: pl.Unit}
		if pl.Dest >= 0 {
			f.DestOrgID = &res.OrgIDs[pl.Dest]
		}
		if err := tx.createPledge(actor, f); err != nil {
			return withPrefix(fmt.Sprintf("pledges[%d]", i), err)
		}
		res.FlowIDs = append(res.FlowIDs, f.ID)
	}
	if len(in.Document.Data) > 0 {
		a := &accord.Attachment{Entity: "engagement", EntityID: e.ID, Filename: in.Document.Filename, ContentType: in.Document.ContentType}
		if err := tx.attachData(actor, a, in.Document.Data); err != nil {
			return err
		}
		res.AttachmentID = a.ID
	}
	return nil
}

// withPrefix puts the fields of a rule error under the item they belong to;
// other errors pass unchanged.
func withPrefix(prefix string, err error) error {
	var e *accord.Error
	if !errors.As(err, &e) || e.Code != accord.EINVALID {
		return err
	}
	out := &accord.Error{Code: e.Code, Message: e.Message}
	for _, f := range e.Fields {
		field := prefix
		if f.Field != "" {
			field += "." + f.Field
		}
		out.Fields = append(out.Fields, accord.FieldError{Field: field, Message: f.Message})
	}
	if len(out.Fields) == 0 {
		out.Fields = []accord.FieldError{{Field: prefix, Message: e.Message}}
	}
	return out
}

// intakeOrgs checks the linked organizations and creates the new ones.
func (tx *Tx) intakeOrgs(in *accord.Intake, res *accord.IntakeResult) error {
	for i, o := range in.Orgs {
		if o.ID > 0 {
			if !tx.exists(`SELECT 1 FROM organizations WHERE id = ?`, o.ID) {
				return (&accord.Problems{{Field: fmt.Sprintf("orgs[%d]", i), Message: fmt.Sprintf("organization %d does not exist", o.ID)}}).Err()
			}
			res.OrgIDs = append(res.OrgIDs, o.ID)
			continue
		}
		n := *o.New
		if err := tx.createOrganization(&n); err != nil {
			return withPrefix(fmt.Sprintf("orgs[%d]", i), err)
		}
		res.OrgIDs = append(res.OrgIDs, n.ID)
	}
	return nil
}

// intakePeople creates the new people, and gives linked people a position
// when the title is new for them at the organization, from the day of the
// engagement.
func (tx *Tx) intakePeople(in *accord.Intake, day accord.Date, res *accord.IntakeResult) error {
	for i, ip := range in.People {
		field := fmt.Sprintf("people[%d]", i)
		var orgID int64
		if ip.Org >= 0 {
			orgID = res.OrgIDs[ip.Org]
		}
		pos := accord.Position{Title: ip.Title, OrgID: orgID, From: day}
		if ip.ID <= 0 {
			p := &accord.Person{Name: ip.Name, Positions: []accord.Position{}}
			if orgID > 0 && ip.Title != "" {
				p.Positions = append(p.Positions, pos)
			}
			if err := tx.createPerson(p); err != nil {
				return withPrefix(field, err)
			}
			res.PersonIDs = append(res.PersonIDs, p.ID)
			continue
		}
		before, err := tx.getPerson(ip.ID)
		if err != nil {
			if accord.ErrorCode(err) == accord.ENOTFOUND {
				return (&accord.Problems{{Field: field, Message: fmt.Sprintf("person %d does not exist", ip.ID)}}).Err()
			}
			return err
		}
		res.PersonIDs = append(res.PersonIDs, ip.ID)
		if orgID == 0 || ip.Title == "" || holds(before.Positions, pos) {
			continue
		}
		after := *before
		after.Positions = append(append([]accord.Position{}, before.Positions...), pos)
		if err := tx.checkPerson(&after); err != nil {
			return withPrefix(field, err)
		}
		if _, err := tx.exec(`UPDATE people SET version = version + 1, search = ?, updated_at = ? WHERE id = ?`, personSearch(&after), tx.now, after.ID); err != nil {
			return err
		}
		after.Version, after.UpdatedAt = before.Version+1, tx.now
		if err := tx.savePositions(&after); err != nil {
			return err
		}
		b, a := *before, after
		b.Positions, a.Positions = stripIDs(before.Positions), stripIDs(after.Positions)
		if err := tx.audit("update", "person", after.ID, &b, &a); err != nil {
			return err
		}
	}
	return nil
}

// holds reports whether positions already have the title at the organization
// (case and accents aside).
func holds(positions []accord.Position, pos accord.Position) bool {
	for _, p := range positions {
		if p.OrgID == pos.OrgID && accord.Fold(p.Title) == accord.Fold(pos.Title) {
			return true
		}
	}
	return false
}

// createPledge inserts a pledge as CreateFlow does, at the rate of its
// value date; a currency without a rate that day is a problem of the
// pledge, named so that the officer can give the rate or leave it out.
func (tx *Tx) createPledge(actor accord.Actor, f *accord.Flow) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return tx.createFlow(actor, f)
}

// attachData stores data once per content (by SHA-256) and attaches it to a record.
func (tx *Tx) attachData(actor accord.Actor, a *accord.Attachment, data []byte) error {
	sum := sha256.Sum256(data)
	a.SHA256, a.Size, a.UploadedBy = hex.EncodeToString(sum[:]), int64(len(data)), actor.Email
	if err := tx.storeAttachment(a, data); err != nil {
		return err
	}
	return tx.audit("create", "attachment", a.ID, nil, a)
}
