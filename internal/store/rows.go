package store

import (
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// The rows of new records, written two ways: a Create method inserts one
// and reads its ID back (insertSQL), the BulkWriter inserts many at once
// with IDs it assigns (the ID column first, then these). Both take the
// columns from one sqlTable and the values from one row function per kind,
// which appends them in the order of the columns, so that the two ways
// cannot drift apart. Search texts are built in searchtext.go.

// sqlTable is a table and the columns of a new row of it, but its ID.
type sqlTable struct{ name, columns string }

// insertSQL is the statement that inserts one row.
func (t sqlTable) insertSQL() string {
	return "INSERT INTO " + t.name + " (" + t.columns + ") VALUES (" + placeholders(strings.Count(t.columns, ",")+1) + ")"
}

// withID is the columns of a row whose ID is given.
func (t sqlTable) withID() string { return "id, " + t.columns }

var organizationsTable = sqlTable{"organizations", "version, name_en, name_fr, name_ar, acronym, type, iati_id, hq_country, parent_id, website, archived, search, created_at, updated_at"}

func organizationRow(args []any, o *accord.Organization, created, updated time.Time) []any {
	return append(args, 1, o.NameEN, o.NameFR, o.NameAR, o.Acronym, o.Type, o.IATIID, nullString(o.HQCountry), nullID(o.ParentID),
		o.Website, o.Archived, orgSearch(o), created, updated)
}

var usersTable = sqlTable{"users", "version, email, name, role, org_id, language, password_hash, disabled, created_at, updated_at"}

func userRow(args []any, u *accord.User, passwordHash string, created, updated time.Time) []any {
	return append(args, 1, u.Email, u.Name, string(u.Role), nullID(u.OrgID), u.Language, passwordHash, u.Disabled, created, updated)
}

var peopleTable = sqlTable{"people", "version, name, honorific, email, phone, notes, archived, search, created_at, updated_at"}

func personRow(args []any, p *accord.Person, created, updated time.Time) []any {
	return append(args, 1, p.Name, p.Honorific, p.Email, p.Phone, p.Notes, p.Archived, personSearch(p), created, updated)
}

var positionsTable = sqlTable{"positions", "person_id, org_id, title, from_date, to_date, ord"}

func positionRow(args []any, personID int64, pos *accord.Position, ord int) []any {
	return append(args, personID, pos.OrgID, pos.Title, string(pos.From), string(pos.To), ord)
}

var engagementsTable = sqlTable{"engagements", "version, kind, title, date, date_precision, city, country, summary, outcomes, topics, search, created_at, updated_at"}

func engagementRow(args []any, e *accord.Engagement, search string, created, updated time.Time) []any {
	return append(args, 1, e.Kind, e.Title, string(e.Date), e.DatePrecision, e.City, nullString(e.Country), e.Summary, e.Outcomes,
		strings.Join(e.Topics, "\n"), search, created, updated)
}

var engagementOrgsTable = sqlTable{"engagement_orgs", "engagement_id, org_id, date"} // date: the engagement's, the order of an organization's list

var participantsTable = sqlTable{"engagement_participants", "engagement_id, person_id, org_id, title, ord"}

func participantRow(args []any, engagementID int64, pt *accord.Participant, ord int) []any {
	return append(args, engagementID, pt.PersonID, nullID(&pt.OrgID), pt.Title, ord)
}

var sourcesTable = sqlTable{"engagement_sources", "engagement_id, title, url, ord"}

func sourceRow(args []any, engagementID int64, s accord.Source, ord int) []any {
	return append(args, engagementID, s.Title, s.URL, ord)
}

var actionPointsTable = sqlTable{"action_points", "version, engagement_id, text, owner_id, due_date, priority, status, status_note, fulfilled_agreement_id, fulfilled_activity_id, search, created_at, updated_at"}

func actionPointRow(args []any, a *accord.ActionPoint, search string, created, updated time.Time) []any {
	return append(args, 1, a.EngagementID, a.Text, nullID(a.OwnerID), string(a.DueDate), a.Priority, a.Status, a.StatusNote,
		nullID(a.FulfilledByAgreement), nullID(a.FulfilledByActivity), search, created, updated)
}

var actionPointPartiesTable = sqlTable{"action_point_parties", "action_point_id, org_id"}

var agreementsTable = sqlTable{"agreements", "version, kind, title, status, summary, engagement_id, effective_date, expiry_date, notice_days, auto_renewal, terminated_on, termination_reason, superseded_by, search, created_at, updated_at"}

func agreementRow(args []any, g *accord.Agreement, search string, created, updated time.Time) []any {
	return append(args, 1, g.Kind, g.Title, g.Status, g.Summary, nullID(g.EngagementID), string(g.EffectiveDate), string(g.ExpiryDate),
		g.NoticeDays, g.AutoRenewal, string(g.TerminatedOn), g.TerminationReason, nullID(g.SupersededBy), search, created, updated)
}

// expiry: the agreement's, the order of an organization's list (partyExpiry).
var agreementPartiesTable = sqlTable{"agreement_parties", "agreement_id, org_id, signatory, signed_on, ord, expiry"}

func agreementPartyRow(args []any, g *accord.Agreement, pt *accord.AgreementParty, ord int) []any {
	return append(args, g.ID, pt.OrgID, pt.Signatory, string(pt.SignedOn), ord, partyExpiry(g.ExpiryDate))
}

// partyExpiry is an agreement's expiry as its parties keep it: without
// one, after every date, as the lists put such agreements last.
func partyExpiry(d accord.Date) string {
	if d == "" {
		return "9999-99-99"
	}
	return string(d)
}

var amendmentsTable = sqlTable{"agreement_amendments", "agreement_id, number, date, changes, reason, created_by, created_at"}

func amendmentRow(args []any, agreementID int64, m *accord.Amendment, created time.Time) []any {
	return append(args, agreementID, m.Number, string(m.Date), m.Changes, m.Reason, m.CreatedBy, created)
}

var plansTable = sqlTable{"plans", "version, title, summary, start_date, end_date, search, created_at, updated_at"}

func planRow(args []any, p *accord.Plan, created, updated time.Time) []any {
	return append(args, 1, p.Title, p.Summary, string(p.StartDate), string(p.EndDate), planSearch(p), created, updated)
}

var objectivesTable = sqlTable{"objectives", "plan_id, title, ord"}

var planAgreementsTable = sqlTable{"plan_agreements", "plan_id, agreement_id"}

var activitiesTable = sqlTable{"activities", "version, plan_id, objective_id, title, description, kind, status, lead_org_id, planned_start, planned_end, actual_start, actual_end, budget, currency, search, created_at, updated_at"}

func activityRow(args []any, a *accord.Activity, search string, created, updated time.Time) []any {
	return append(args, 1, a.PlanID, nullID(a.ObjectiveID), a.Title, a.Description, a.Kind, a.Status, a.LeadOrgID,
		string(a.PlannedStart), string(a.PlannedEnd), string(a.ActualStart), string(a.ActualEnd), a.Budget, a.Currency, search, created, updated)
}

var (
	activityOrgsTable      = sqlTable{"activity_orgs", "activity_id, org_id"}
	activityCountriesTable = sqlTable{"activity_countries", "activity_id, country"}
	activityGroupsTable    = sqlTable{"activity_groups", "activity_id, group_id"} // a Create names the group by its code
	activitySectorsTable   = sqlTable{"activity_sectors", "activity_id, code, percent"}
)

var ratesTable = sqlTable{"exchange_rates", "currency, date, rate, source"}

var appealsTable = sqlTable{"appeals", "version, title, description, country, group_code, sector, plan_id, activity_id, start_date, end_date, amount, currency, rate, usd_cents, search, created_at, updated_at"}

// appealRow is an appeal at its amount in US dollars (a.AmountUSD).
func appealRow(args []any, a *accord.Appeal, created, updated time.Time) []any {
	return append(args, 1, a.Title, a.Description, nullString(a.Country), a.Group, a.Sector, nullID(a.PlanID), nullID(a.ActivityID),
		string(a.Start), string(a.End), a.Amount, a.Currency, a.Rate, cents(a.AmountUSD), appealSearch(a), created, updated)
}

var revisionsTable = sqlTable{"appeal_revisions", "appeal_id, n, date, usd_cents, reason, by_whom"}

var flowsTable = sqlTable{"flows", "version, status, type, contribution, description, source_org_id, dest_org_id, country, group_code, sector, plan_id, activity_id, appeal_id, parent_id, value_date, year, amount, currency, rate, rate_date, rate_source, usd_cents, quantity, unit, leaf, search, created_at, updated_at"}

// flowRow is a flow at its amount in US dollars (f.AmountUSD); leaf: no
// child flow counts in its stead.
func flowRow(args []any, f *accord.Flow, leaf bool, created, updated time.Time) []any {
	return append(args, 1, f.Status, f.Type, f.Contribution, f.Description, f.SourceOrgID, nullID(f.DestOrgID), nullString(f.Country),
		f.Group, f.Sector, nullID(f.PlanID), nullID(f.ActivityID), nullID(f.AppealID), nullID(f.ParentID), string(f.ValueDate), f.Year, f.Amount,
		f.Currency, f.Rate, string(f.RateDate), f.RateSource, cents(f.AmountUSD), f.Quantity, f.Unit, leaf, flowSearch(f), created, updated)
}

var flowEventsTable = sqlTable{"flow_events", "flow_id, status, date, usd_cents, by_whom, at"}

var commentsTable = sqlTable{"comments", "version, news_id, parent_id, status, name, email, website, body, lang, by_org, author_id, ip, user_agent, created_at, updated_at"}

// commentRow is a new comment: a reader's, or (c.ByOrganization) a reply
// of the organization's by the staff member authorID.
func commentRow(args []any, c *accord.CommentRecord, authorID *int64, userAgent string, at time.Time) []any {
	return append(args, 1, c.NewsID, nullID(c.ParentID), c.Status, c.Name, c.Email, c.Website, c.Text, c.Lang, c.ByOrganization,
		nullID(authorID), truncate(c.IP, 64), truncate(userAgent, 300), at, at)
}

var contactTable = sqlTable{"contact_messages", "version, name, email, category, message, lang, status, assignee_id, ack_state, ack_attempts, ack_sent_at, created_at, updated_at"}

func contactRow(args []any, m *accord.ContactMessage) []any {
	return append(args, 1, m.Name, m.Email, m.Category, m.Message, m.Lang, m.Status, nullID(m.AssigneeID), m.AckState, m.AckAttempts,
		nullTime(m.AckSentAt), m.CreatedAt, m.UpdatedAt)
}
