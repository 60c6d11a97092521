// Package demo loads the demo world of PRODUCT.md into an empty database:
// the OIC, WHO, IOM and ICRC, the officials of the seed press release with
// their titles, and one user per role to sign in with.
package demo

import (
	"context"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/auth"
)

// Sign-in of the demo users. The password is public: never load the demo
// world into a database that holds real records.
const (
	AdminEmail = "admin@accord.example"
	Password   = "accord-demo"
)

// Store is what loading the demo needs.
type Store interface {
	accord.OrganizationService
	accord.PersonService
	accord.UserService
	accord.EngagementService
	accord.ActionPointService
	accord.AgreementService
	accord.PlanService
	accord.IndicatorService
	accord.MoneyService
	accord.NewsService
	accord.CommentService
}

// Load fills an empty database with the demo world and reports whether it
// did; a database that already has organizations or users is left alone.
// ctx must carry an administrator actor.
func Load(ctx context.Context, s Store) (bool, error) {
	_, orgs, err := s.ListOrganizations(ctx, accord.OrganizationFilter{PerPage: 1})
	if err != nil {
		return false, err
	}
	_, users, err := s.ListUsers(ctx, accord.UserFilter{PerPage: 1})
	if err != nil || orgs > 0 || users > 0 {
		return false, err
	}
	ids := map[string]int64{}
	for _, o := range organizations() {
		if err := s.CreateOrganization(ctx, o); err != nil {
			return false, err
		}
		ids[o.Acronym] = o.ID
	}
	people := people(ids)
	for _, p := range people {
		if err := s.CreatePerson(ctx, p); err != nil {
			return false, err
		}
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return false, err
	}
	who := ids["WHO"]
	for _, u := range []*accord.User{
		{Email: AdminEmail, Name: "Demo Administrator", Role: accord.RoleAdmin},
		{Email: "officer@accord.example", Name: "Demo Partnerships Officer", Role: accord.RoleOfficer},
		{Email: "editor@accord.example", Name: "Demo Communications Officer", Role: accord.RoleEditor},
		{Email: "viewer@accord.example", Name: "Demo Leadership Viewer", Role: accord.RoleViewer},
		{Email: "partner@who.example", Name: "Demo WHO Focal Point", Role: accord.RolePartner, OrgID: &who},
	} {
		if err := s.CreateUser(ctx, u, hash); err != nil {
			return false, err
		}
		if u.Role == accord.RoleOfficer {
			ids["officer"] = u.ID
		}
	}
	if err := loadChain(ctx, s, ids, people); err != nil {
		return true, err
	}
	if err := loadMoney(ctx, s, ids); err != nil {
		return true, err
	}
	if err := loadNews(ctx, s); err != nil {
		return true, err
	}
	return true, loadComments(ctx, s)
}

func organizations() []*accord.Organization {
	return []*accord.Organization{
		{NameEN: "Organisation of Islamic Cooperation", NameFR: "Organisation de la coopération islamique", NameAR: "منظمة التعاون الإسلامي",
			Acronym: "OIC", Type: "40", HQCountry: "SA", Website: "https://www.oic-oci.org"},
		{NameEN: "World Health Organization", NameFR: "Organisation mondiale de la Santé", NameAR: "منظمة الصحة العالمية",
			Acronym: "WHO", Type: "40", IATIID: "XM-DAC-928", HQCountry: "CH", Website: "https://www.who.int"},
		{NameEN: "International Organization for Migration", NameFR: "Organisation internationale pour les migrations", NameAR: "المنظمة الدولية للهجرة",
			Acronym: "IOM", Type: "40", IATIID: "XM-DAC-47066", HQCountry: "CH", Website: "https://www.iom.int"},
		{NameEN: "International Committee of the Red Cross", NameFR: "Comité international de la Croix-Rouge", NameAR: "اللجنة الدولية للصليب الأحمر",
			Acronym: "ICRC", Type: "21", IATIID: "XM-DAC-21016", HQCountry: "CH", Website: "https://www.icrc.org"},
	}
}

// people are the four officials of the seed release, with the titles it
// gives them. Start dates are public record where noted; others are left empty.
func people(org map[string]int64) []*accord.Person {
	return []*accord.Person{
		{Name: "Tarig Ali Bakhiet", Honorific: "Ambassador", Positions: []accord.Position{
			{Title: "Assistant Secretary-General for Humanitarian, Cultural and Social Affairs", OrgID: org["OIC"]},
			{Title: "Special Envoy of the Secretary-General to Afghanistan", OrgID: org["OIC"]},
		}, Notes: "Met the heads of WHO, IOM and ICRC in Geneva in July 2022 (OIC press release)."},
		{Name: "Tedros Adhanom Ghebreyesus", Honorific: "Dr.", Positions: []accord.Position{
			{Title: "Director-General", OrgID: org["WHO"], From: "2017-07-01"},
		}},
		{Name: "António Vitorino", Positions: []accord.Position{
			{Title: "Director General", OrgID: org["IOM"], From: "2018-10-01", To: "2023-09-30"},
		}},
		{Name: "Robert Mardini", Positions: []accord.Position{
			{Title: "Director-General", OrgID: org["ICRC"], From: "2020-01-01"},
		}},
	}
}
