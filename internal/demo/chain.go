package demo

import (
	"context"

	"github.com/accordhq/accord/internal/accord"
)

const release = "OIC, WHO enhance cooperation in health sector (OIC press release, July 2022)"

// loadChain records the three Geneva engagements of the seed release and the
// action points they produced. Dates the sources do not give are
// approximate ("July 2022"); due dates are illustrative and say so.
func loadChain(ctx context.Context, s Store, ids map[string]int64, people []*accord.Person) error {
	bakhiet, tedros, vitorino, mardini := people[0], people[1], people[2], people[3]
	envoy := "Assistant Secretary-General for Humanitarian, Cultural and Social Affairs; Special Envoy to Afghanistan"
	source := []accord.Source{{Title: release}}
	who := &accord.Engagement{Kind: "meeting", Title: "OIC–WHO meeting on health cooperation", Date: "2022-07-22", DatePrecision: "day",
		City: "Geneva", Country: "CH",
		Summary: "Bakhiet and Ghebreyesus discussed resource and support mobilization to strengthen the health sector in Afghanistan and the Sahel region, " +
			"including through enhancing access to COVID-19 vaccines. Held at WHO headquarters on Friday 22 July 2022.",
		Outcomes: "The two sides agreed to develop a new memorandum of understanding and a plan of action to reinforce their bilateral cooperation " +
			"in health and technical assistance, provision of medical supplies, training and capacity building to the benefit of the OIC member states.",
		Topics: []string{"resource mobilization for health in Afghanistan and the Sahel", "access to COVID-19 vaccines", "medical supplies",
			"training and capacity building"},
		Participants: []accord.Participant{{PersonID: bakhiet.ID, OrgID: ids["OIC"], Title: envoy},
			{PersonID: tedros.ID, OrgID: ids["WHO"], Title: "Director-General"}},
		Sources: source}
	iom := &accord.Engagement{Kind: "meeting", Title: "OIC–IOM meeting on migration", Date: "2022-07-01", DatePrecision: "month",
		City: "Geneva", Country: "CH",
		Summary: "The meeting highlighted the critical importance of migration for the OIC and explored ways to strengthen bilateral cooperation, " +
			"including through an enhanced framework of engagement.",
		Outcomes: "The two parties emphasized the need to scale up joint action to implement emergency assistance, address the root causes of migration, " +
			"and operationalize durable solutions across the humanitarian, development and peace nexus.",
		Topics: []string{"migration", "emergency assistance", "root causes of migration", "humanitarian, development and peace nexus"},
		Participants: []accord.Participant{{PersonID: bakhiet.ID, OrgID: ids["OIC"], Title: envoy},
			{PersonID: vitorino.ID, OrgID: ids["IOM"], Title: "Director General"}},
		Sources: source}
	icrc := &accord.Engagement{Kind: "meeting", Title: "OIC–ICRC meeting on humanitarian cooperation", Date: "2022-07-01", DatePrecision: "month",
		City: "Geneva", Country: "CH",
		Summary: "Held before the WHO meeting. The two sides discussed ways to enhance bilateral relations, considering the cooperation agreement " +
			"and work plan signed between them, and stressed the need to intensify joint efforts to confront humanitarian crises in conflict areas.",
		Outcomes: "The two sides agreed on the importance of continuing to hold seminars and workshops in the humanitarian field and international humanitarian law.",
		Topics:   []string{"humanitarian crises in conflict areas", "international humanitarian law", "seminars and workshops"},
		Participants: []accord.Participant{{PersonID: bakhiet.ID, OrgID: ids["OIC"], Title: envoy},
			{PersonID: mardini.ID, OrgID: ids["ICRC"], Title: "Director-General"}},
		Sources: source}
	for _, e := range []*accord.Engagement{who, iom, icrc} {
		if err := s.CreateEngagement(ctx, e); err != nil {
			return err
		}
	}
	officer := ids["officer"]
	parties := func(acronyms ...string) []accord.EngagementOrg {
		var out []accord.EngagementOrg
		for _, a := range acronyms {
			out = append(out, accord.EngagementOrg{OrgID: ids[a]})
		}
		return out
	}
	points := []struct {
		ap     accord.ActionPoint
		status string
	}{
		{accord.ActionPoint{EngagementID: who.ID, Text: "Develop a new memorandum of understanding between the OIC and WHO (due date illustrative)",
			OwnerID: &officer, DueDate: "2022-12-31", Priority: "high", Parties: parties("OIC", "WHO")}, accord.APInProgress},
		{accord.ActionPoint{EngagementID: who.ID, Text: "Develop a plan of action for cooperation in health and technical assistance, medical supplies, training and capacity building (due date illustrative)",
			OwnerID: &officer, DueDate: "2023-03-31", Priority: "high", Parties: parties("OIC", "WHO")}, accord.APOpen},
		{accord.ActionPoint{EngagementID: iom.ID, Text: "Strengthen cooperation through an enhanced framework of engagement between the OIC and IOM",
			Priority: "normal", Parties: parties("OIC", "IOM")}, accord.APOpen},
		{accord.ActionPoint{EngagementID: icrc.ID, Text: "Continue to hold seminars and workshops in the humanitarian field and on international humanitarian law",
			OwnerID: &officer, Priority: "normal", Parties: parties("OIC", "ICRC")}, accord.APInProgress},
	}
	for _, p := range points {
		ap := p.ap
		if err := s.CreateActionPoint(ctx, &ap); err != nil {
			return err
		}
		if p.status != accord.APOpen {
			if _, err := s.TransitionActionPoint(ctx, ap.ID, ap.Version, p.status, ""); err != nil {
				return err
			}
		}
	}
	mou, workPlan, err := loadAgreements(ctx, s, ids, who.ID, icrc.ID)
	if err != nil {
		return err
	}
	return loadPlans(ctx, s, ids, mou, workPlan)
}

// loadAgreements records the signed OIC–ICRC cooperation agreement and work
// plan the release mentions, and the OIC–WHO MoU the two sides agreed to
// develop, still a draft. The release gives no signature dates; those used
// are illustrative and the summaries say so.
func loadAgreements(ctx context.Context, s Store, ids map[string]int64, whoMeeting, icrcMeeting int64) (mou, workPlan int64, err error) {
	signed := func(date accord.Date) []accord.AgreementParty {
		return []accord.AgreementParty{{OrgID: ids["OIC"], SignedOn: date}, {OrgID: ids["ICRC"], SignedOn: date}}
	}
	inForce := []*accord.Agreement{
		{Kind: "cooperation_agreement", Title: "Cooperation agreement between the OIC and the ICRC", EngagementID: &icrcMeeting,
			Summary: "Signed between the two sides, as the OIC release of July 2022 recalls. Signature and effective dates are illustrative.",
			Parties: signed("2021-11-15"), EffectiveDate: "2021-11-15", ExpiryDate: "2026-11-14", NoticeDays: 90, AutoRenewal: true},
		{Kind: "work_plan", Title: "OIC–ICRC work plan: seminars and workshops on international humanitarian law", EngagementID: &icrcMeeting,
			Summary: "The work plan signed with the cooperation agreement. Dates are illustrative.",
			Parties: signed("2021-11-15"), EffectiveDate: "2022-01-01", ExpiryDate: "2027-01-31"},
	}
	for _, g := range inForce {
		if err := s.CreateAgreement(ctx, g); err != nil {
			return 0, 0, err
		}
		for _, to := range []string{accord.AgNegotiation, accord.AgClearance, accord.AgSigned, accord.AgActive} {
			moved, err := s.TransitionAgreement(ctx, g.ID, g.Version, accord.StatusChange{To: to})
			if err != nil {
				return 0, 0, err
			}
			g.Version = moved.Version
		}
	}
	draft := &accord.Agreement{Kind: "mou", Title: "Memorandum of understanding between the OIC and WHO", EngagementID: &whoMeeting,
		Summary: "To reinforce bilateral cooperation in health and technical assistance, provision of medical supplies, training and capacity " +
			"building to the benefit of the OIC member states, as agreed in Geneva on 22 July 2022. Draft.",
		Parties: []accord.AgreementParty{{OrgID: ids["OIC"]}, {OrgID: ids["WHO"]}}}
	err = s.CreateAgreement(ctx, draft)
	return draft.ID, inForce[1].ID, err
}

// loadPlans adds the plan of action the OIC and WHO agreed to develop, with
// activities for Afghanistan and the Sahel, and the ICRC work plan's seminars.
// Budgets and dates are illustrative.
func loadPlans(ctx context.Context, s Store, ids map[string]int64, mou, workPlan int64) error {
	health := &accord.Plan{Title: "OIC–WHO plan of action for health cooperation (draft, illustrative)",
		Summary:   "Health and technical assistance, provision of medical supplies, training and capacity building to the benefit of the OIC member states.",
		StartDate: "2023-01-01", EndDate: "2025-12-31",
		Agreements: []accord.PlanAgreement{{AgreementID: mou}},
		Objectives: []accord.Objective{{Title: "Access to COVID-19 vaccines in Afghanistan and the Sahel"},
			{Title: "Medical supplies for primary health care"}, {Title: "Training and capacity building of health workers"}}}
	ihl := &accord.Plan{Title: "OIC–ICRC seminars and workshops on international humanitarian law",
		Agreements: []accord.PlanAgreement{{AgreementID: workPlan}}, Objectives: []accord.Objective{{Title: "Seminars and workshops in the humanitarian field"}}}
	for _, p := range []*accord.Plan{health, ihl} {
		if err := s.CreatePlan(ctx, p); err != nil {
			return err
		}
	}
	org := func(a string) []accord.EngagementOrg { return []accord.EngagementOrg{{OrgID: ids[a]}} }
	activities := []*accord.Activity{
		{PlanID: health.ID, ObjectiveID: &health.Objectives[0].ID, Title: "COVID-19 vaccine access for Afghanistan", Kind: "vaccine_access", Status: 2,
			LeadOrgID: ids["WHO"], Implementing: org("OIC"), Countries: []string{"AF"}, Sectors: []accord.ActivitySector{{Code: "12250", Percent: 100}},
			PlannedStart: "2023-01-01", PlannedEnd: "2023-12-31", Budget: "2500000", Currency: "USD"},
		{PlanID: health.ID, ObjectiveID: &health.Objectives[0].ID, Title: "COVID-19 vaccine access in the Sahel", Kind: "vaccine_access", Status: 1,
			LeadOrgID: ids["WHO"], Implementing: org("OIC"), Groups: []string{"SAHEL"}, Sectors: []accord.ActivitySector{{Code: "12250", Percent: 100}},
			PlannedStart: "2023-03-01", PlannedEnd: "2024-02-29", Budget: "4000000", Currency: "USD"},
		{PlanID: health.ID, ObjectiveID: &health.Objectives[1].ID, Title: "Medical supplies for primary health care centres in Afghanistan", Kind: "medical_supplies", Status: 1,
			LeadOrgID: ids["OIC"], Implementing: org("WHO"), Countries: []string{"AF"}, Sectors: []accord.ActivitySector{{Code: "12220", Percent: 100}},
			PlannedStart: "2023-06-01", PlannedEnd: "2024-05-31", Budget: "1200000", Currency: "USD"},
		{PlanID: health.ID, ObjectiveID: &health.Objectives[2].ID, Title: "Training of health workers in the Sahel", Kind: "training", Status: 1,
			LeadOrgID: ids["WHO"], Groups: []string{"SAHEL"}, Sectors: []accord.ActivitySector{{Code: "12281", Percent: 100}},
			PlannedStart: "2023-09-01", PlannedEnd: "2024-08-31", Budget: "750000", Currency: "USD"},
		{PlanID: ihl.ID, ObjectiveID: &ihl.Objectives[0].ID, Title: "Regional seminar on international humanitarian law", Kind: "seminar", Status: 2,
			LeadOrgID: ids["ICRC"], Implementing: org("OIC"), Sectors: []accord.ActivitySector{{Code: "15220", Percent: 100}},
			PlannedStart: "2022-11-01", PlannedEnd: "2022-11-03"},
	}
	for _, a := range activities {
		if err := s.CreateActivity(ctx, a); err != nil {
			return err
		}
	}
	return loadIndicators(ctx, s, activities[0].ID)
}

// loadIndicators gives the Afghanistan vaccine activity an indicator with an
// approved value and one awaiting approval (figures illustrative).
func loadIndicators(ctx context.Context, s Store, activity int64) error {
	doses := &accord.Indicator{ActivityID: activity, Name: "COVID-19 vaccine doses administered (illustrative)", Unit: "doses", Target: 500000}
	if err := s.CreateIndicator(ctx, doses); err != nil {
		return err
	}
	for _, v := range []struct {
		period string
		value  float64
		moves  []string
	}{
		{"2023-Q1", 85000, []string{accord.ValSubmitted, accord.ValApproved}},
		{"2023-Q2", 132000, []string{accord.ValSubmitted}},
	} {
		val := &accord.IndicatorValue{IndicatorID: doses.ID, Period: v.period, Value: v.value}
		if err := s.RecordValue(ctx, val); err != nil {
			return err
		}
		for _, to := range v.moves {
			moved, err := s.MoveValue(ctx, val.ID, val.Version, to, "")
			if err != nil {
				return err
			}
			val = moved
		}
	}
	return nil
}
