package demo

import (
	"context"

	"github.com/accordhq/accord/internal/accord"
)

const illustrative = " Figures illustrative: not reported by any of the organizations named."

// loadMoney gives the demo world what the dashboards count: exchange rates
// for the Saudi riyal and the euro, appeals for Afghanistan and the Sahel,
// and flows of money, vaccine doses and medical supplies from three more
// donors, at every stage from pledge to payment, with a multi-year parent
// split by year and money passed through an intermediary. Every amount is
// illustrative and every description says so.
func loadMoney(ctx context.Context, s Store, ids map[string]int64) error {
	var m accord.MoneyService = s
	for _, o := range []*accord.Organization{
		{NameEN: "Islamic Development Bank", NameFR: "Banque islamique de développement", NameAR: "البنك الإسلامي للتنمية",
			Acronym: "IsDB", Type: "40", HQCountry: "SA", Website: "https://www.isdb.org"},
		{NameEN: "King Salman Humanitarian Aid and Relief Centre", NameFR: "Centre d'aide humanitaire et de secours Roi Salman",
			NameAR: "مركز الملك سلمان للإغاثة والأعمال الإنسانية", Acronym: "KSrelief", Type: "10", HQCountry: "SA", Website: "https://www.ksrelief.org"},
		{NameEN: "European Civil Protection and Humanitarian Aid Operations", NameFR: "Protection civile et opérations d'aide humanitaire européennes",
			NameAR: "الحماية المدنية وعمليات المساعدة الإنسانية الأوروبية", Acronym: "ECHO", Type: "40", HQCountry: "BE"},
	} {
		if err := s.CreateOrganization(ctx, o); err != nil {
			return err
		}
		ids[o.Acronym] = o.ID
	}
	if err := m.SetRates(ctx, []accord.ExchangeRate{
		{Currency: "SAR", Date: "2022-01-01", Rate: "3.75", Source: "Saudi Central Bank peg"},
		{Currency: "EUR", Date: "2022-01-03", Rate: "0.88", Source: "ECB reference rate (illustrative)"},
		{Currency: "EUR", Date: "2022-07-01", Rate: "0.96", Source: "ECB reference rate (illustrative)"},
		{Currency: "EUR", Date: "2023-01-02", Rate: "0.94", Source: "ECB reference rate (illustrative)"},
		{Currency: "EUR", Date: "2023-07-03", Rate: "0.92", Source: "ECB reference rate (illustrative)"},
		{Currency: "EUR", Date: "2024-01-02", Rate: "0.91", Source: "ECB reference rate (illustrative)"},
	}); err != nil {
		return err
	}
	plan, acts, err := healthPlan(ctx, s)
	if err != nil {
		return err
	}
	appeals := []*accord.Appeal{
		{Title: "Health sector response, Afghanistan 2023", Country: "AF", Sector: "12220", PlanID: plan, Start: "2023-01-01", End: "2023-12-31",
			Amount: "25000000", Currency: "USD", Description: "Primary health care, medical supplies and health workers across Afghanistan." + illustrative},
		{Title: "COVID-19 vaccination, Afghanistan 2022–2023", Country: "AF", Sector: "12250", PlanID: plan, ActivityID: acts["vaccines AF"],
			Start: "2022-07-01", End: "2023-12-31", Amount: "12000000", Currency: "USD", Description: "Access to COVID-19 vaccines and their delivery." + illustrative},
		{Title: "COVID-19 vaccine access in the Sahel", Group: "SAHEL", Sector: "12250", PlanID: plan, ActivityID: acts["vaccines Sahel"],
			Start: "2023-03-01", End: "2024-02-29", Amount: "30000000", Currency: "SAR", Description: "Vaccines and cold chain for the Sahel countries, stated in Saudi riyals." + illustrative},
		{Title: "Primary health care, Mali 2023", Country: "ML", Sector: "12220", Start: "2023-01-01", End: "2023-12-31", Amount: "6000000", Currency: "USD",
			Description: "Health centres in the regions of Mopti and Timbuktu." + illustrative},
		{Title: "Primary health care, Niger 2024", Country: "NE", Sector: "12220", Start: "2024-01-01", End: "2024-12-31", Amount: "5000000", Currency: "USD",
			Description: "Health centres and mobile clinics." + illustrative},
		{Title: "Health workers for Chad 2024", Country: "TD", Sector: "12281", Start: "2024-01-01", End: "2024-12-31", Amount: "4600000", Currency: "EUR",
			Description: "Training and pay of community health workers, stated in euros." + illustrative},
	}
	for _, a := range appeals {
		if err := m.CreateAppeal(ctx, a); err != nil {
			return err
		}
	}
	if _, err := m.ReviseAppeal(ctx, appeals[0].ID, appeals[0].Version, "28000000", "Cholera outbreak and winter needs (illustrative)", "2023-06-15"); err != nil {
		return err
	}
	return loadFlows(ctx, m, ids, acts, appeals)
}

// healthPlan finds the OIC–WHO plan of action and its activities, if the demo world has them.
func healthPlan(ctx context.Context, s Store) (*int64, map[string]*int64, error) {
	acts := map[string]*int64{}
	plans, _, err := s.ListPlans(ctx, accord.PlanFilter{Unlimited: true})
	if err != nil {
		return nil, nil, err
	}
	var plan *int64
	for _, p := range plans {
		if p.Title == "OIC–WHO plan of action for health cooperation (draft, illustrative)" {
			plan = &p.ID
		}
	}
	if plan == nil {
		return nil, acts, nil
	}
	list, _, err := s.ListActivities(ctx, accord.ActivityFilter{PlanID: *plan, Unlimited: true})
	if err != nil {
		return nil, nil, err
	}
	names := map[string]string{
		"COVID-19 vaccine access for Afghanistan":                         "vaccines AF",
		"COVID-19 vaccine access in the Sahel":                            "vaccines Sahel",
		"Medical supplies for primary health care centres in Afghanistan": "supplies AF",
		"Training of health workers in the Sahel":                         "training Sahel",
	}
	for _, a := range list {
		if key, ok := names[a.Title]; ok {
			acts[key] = &a.ID
		}
	}
	return plan, acts, nil
}

// loadFlows records the flows: each is created at the stage it first
// reached and moved forward, so that its history shows every step.
func loadFlows(ctx context.Context, m accord.MoneyService, ids map[string]int64, acts map[string]*int64, appeals []*accord.Appeal) error {
	org := func(acronym string) *int64 {
		id := ids[acronym]
		return &id
	}
	healthAF, vaccinesAF, vaccinesSahel, mali, niger, chad := &appeals[0].ID, &appeals[1].ID, &appeals[2].ID, &appeals[3].ID, &appeals[4].ID, &appeals[5].ID
	type step struct {
		to  string
		day accord.Date
	}
	create := func(f *accord.Flow, steps ...step) error {
		f.Description += illustrative
		if err := m.CreateFlow(ctx, f); err != nil {
			return err
		}
		for _, st := range steps {
			moved, err := m.AdvanceFlow(ctx, f.ID, f.Version, st.to, st.day)
			if err != nil {
				return err
			}
			f.Version = moved.Version
		}
		return nil
	}
	flows := []struct {
		f     *accord.Flow
		steps []step
	}{
		{&accord.Flow{Description: "Cash for COVID-19 vaccine delivery in Afghanistan.", SourceOrgID: ids["IsDB"], DestOrgID: org("WHO"), Country: "AF",
			Sector: "12250", AppealID: vaccinesAF, ActivityID: acts["vaccines AF"], ValueDate: "2022-09-01", Amount: "2000000", Currency: "USD"},
			[]step{{accord.FlowCommitment, "2022-09-15"}, {accord.FlowPaid, "2022-11-01"}}},
		{&accord.Flow{Description: "500,000 doses of COVID-19 vaccine for Afghanistan, valued at their estimated cost.", SourceOrgID: ids["KSrelief"],
			DestOrgID: org("WHO"), Country: "AF", Sector: "12250", Contribution: "in_kind", Quantity: "500000", Unit: "doses",
			AppealID: vaccinesAF, ActivityID: acts["vaccines AF"], ValueDate: "2023-01-20", Amount: "13125000", Currency: "SAR"},
			[]step{{accord.FlowCommitment, "2023-02-10"}, {accord.FlowPaid, "2023-04-05"}}},
		{&accord.Flow{Description: "Grant to primary health care in Afghanistan.", SourceOrgID: ids["IsDB"], DestOrgID: org("WHO"), Country: "AF",
			Sector: "12220", AppealID: healthAF, ValueDate: "2023-02-15", Amount: "5000000", Currency: "USD"},
			[]step{{accord.FlowCommitment, "2023-03-01"}, {accord.FlowPaid, "2023-05-10"}}},
		{&accord.Flow{Description: "2,000 medical kits for primary health care centres in Afghanistan.", SourceOrgID: ids["IsDB"], DestOrgID: org("WHO"),
			Country: "AF", Sector: "12191", Contribution: "in_kind", Quantity: "2000", Unit: "medical kits", AppealID: healthAF,
			ActivityID: acts["supplies AF"], ValueDate: "2023-06-01", Amount: "1200000", Currency: "USD"},
			[]step{{accord.FlowCommitment, "2023-07-01"}}},
		{&accord.Flow{Description: "Health workers' pay and medicines in Afghanistan.", SourceOrgID: ids["KSrelief"], DestOrgID: org("WHO"), Country: "AF",
			Sector: "12220", AppealID: healthAF, ValueDate: "2023-03-01", Amount: "18750000", Currency: "SAR"},
			[]step{{accord.FlowCommitment, "2023-04-01"}}},
		{&accord.Flow{Description: "Pledge at the OIC meeting on health in Afghanistan.", SourceOrgID: ids["OIC"], DestOrgID: org("WHO"), Country: "AF",
			Sector: "12220", AppealID: healthAF, ValueDate: "2023-05-01", Amount: "2000000", Currency: "USD"}, nil},
		{&accord.Flow{Description: "COVID-19 vaccines and cold chain for the Sahel.", SourceOrgID: ids["ECHO"], DestOrgID: org("WHO"), Group: "SAHEL",
			Sector: "12250", AppealID: vaccinesSahel, ActivityID: acts["vaccines Sahel"], ValueDate: "2023-07-10", Amount: "4600000", Currency: "EUR"},
			[]step{{accord.FlowCommitment, "2023-08-01"}}},
		{&accord.Flow{Description: "300,000 doses of COVID-19 vaccine for the Sahel, valued at their estimated cost.", SourceOrgID: ids["IsDB"],
			DestOrgID: org("WHO"), Group: "SAHEL", Sector: "12250", Contribution: "in_kind", Quantity: "300000", Unit: "doses",
			AppealID: vaccinesSahel, ActivityID: acts["vaccines Sahel"], ValueDate: "2023-09-01", Amount: "2100000", Currency: "USD"}, nil},
		{&accord.Flow{Description: "Training of community health workers in Chad.", SourceOrgID: ids["OIC"], DestOrgID: org("WHO"), Country: "TD",
			Sector: "12281", AppealID: chad, ActivityID: acts["training Sahel"], ValueDate: "2024-02-01", Amount: "750000", Currency: "USD"}, nil},
	}
	for _, fl := range flows {
		if err := create(fl.f, fl.steps...); err != nil {
			return err
		}
	}
	// A multi-year commitment parked, then split by usage year and country:
	// counted once, through its children.
	parent := &accord.Flow{Description: "Multi-year support to primary health care in the Sahel, 2023–2025, split by year.", Type: "parked",
		SourceOrgID: ids["KSrelief"], DestOrgID: org("WHO"), Group: "SAHEL", Sector: "12220", ValueDate: "2023-01-15", Amount: "33750000", Currency: "SAR"}
	if err := create(parent, step{accord.FlowCommitment, "2023-01-30"}); err != nil {
		return err
	}
	children := []struct {
		f     *accord.Flow
		steps []step
	}{
		{&accord.Flow{Description: "2023: primary health care in Mali.", Country: "ML", Year: 2023, AppealID: mali, ValueDate: "2023-02-01"},
			[]step{{accord.FlowCommitment, "2023-02-01"}, {accord.FlowPaid, "2023-06-30"}}},
		{&accord.Flow{Description: "2024: primary health care in Niger.", Country: "NE", Year: 2024, AppealID: niger, ValueDate: "2024-01-15"},
			[]step{{accord.FlowCommitment, "2024-01-15"}}},
		{&accord.Flow{Description: "2025: primary health care in Chad.", Country: "TD", Year: 2025, ValueDate: "2025-01-15"},
			[]step{{accord.FlowCommitment, "2025-01-15"}}},
	}
	for _, c := range children {
		c.f.Type, c.f.ParentID, c.f.SourceOrgID, c.f.DestOrgID, c.f.Sector = "standard", &parent.ID, parent.SourceOrgID, parent.DestOrgID, parent.Sector
		c.f.Amount, c.f.Currency = "11250000", "SAR"
		if err := create(c.f, c.steps...); err != nil {
			return err
		}
	}
	// Money passed through: the IsDB gives to the OIC, which passes it on to
	// WHO for Burkina Faso. Counted once, on the OIC's payment to WHO.
	through := &accord.Flow{Description: "IsDB funds channelled through the OIC for health in Burkina Faso.", Type: "pass_through", SourceOrgID: ids["IsDB"],
		DestOrgID: org("OIC"), Country: "BF", Sector: "12220", ValueDate: "2024-02-01", Amount: "1000000", Currency: "USD"}
	if err := create(through, step{accord.FlowCommitment, "2024-02-01"}, step{accord.FlowPaid, "2024-03-01"}); err != nil {
		return err
	}
	return create(&accord.Flow{Description: "The OIC passes the IsDB funds on to WHO for Burkina Faso.", SourceOrgID: ids["OIC"], DestOrgID: org("WHO"),
		Country: "BF", Sector: "12220", ParentID: &through.ID, ValueDate: "2024-03-15", Amount: "1000000", Currency: "USD"},
		step{accord.FlowCommitment, "2024-03-15"}, step{accord.FlowPaid, "2024-04-01"})
}
