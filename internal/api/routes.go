package api

import "net/http"

// route is one method and path of the API. The table below is the only
// place routes are listed: Register, the OpenAPI test and the 405 fallback all read it.
type route struct {
	method string
	path   string
	handle handler
	public bool // answered without a token
}

func (a *API) routes() []route {
	return []route{
		{method: "GET", path: "/api/v1/openapi.json", handle: a.openAPI, public: true},

		{method: "GET", path: "/api/v1/search", handle: a.search},
		{method: "GET", path: "/api/v1/news", handle: a.listNews, public: true},
		{method: "GET", path: "/api/v1/news/{id}/comments", handle: a.newsComments, public: true},
		{method: "GET", path: "/api/v1/comments", handle: a.listComments},
		{method: "POST", path: "/api/v1/comments/moderate", handle: a.moderateComments},

		{method: "GET", path: "/api/v1/organizations", handle: a.listOrganizations},
		{method: "POST", path: "/api/v1/organizations", handle: a.createOrganization},
		{method: "GET", path: "/api/v1/organizations/{id}", handle: a.getOrganization},
		{method: "PUT", path: "/api/v1/organizations/{id}", handle: a.updateOrganization},
		{method: "DELETE", path: "/api/v1/organizations/{id}", handle: a.archiveOrganization},
		{method: "POST", path: "/api/v1/organizations/{id}/restore", handle: a.restoreOrganization},

		{method: "GET", path: "/api/v1/people", handle: a.listPeople},
		{method: "POST", path: "/api/v1/people", handle: a.createPerson},
		{method: "GET", path: "/api/v1/people/{id}", handle: a.getPerson},
		{method: "PUT", path: "/api/v1/people/{id}", handle: a.updatePerson},
		{method: "DELETE", path: "/api/v1/people/{id}", handle: a.archivePerson},
		{method: "POST", path: "/api/v1/people/{id}/restore", handle: a.restorePerson},

		{method: "GET", path: "/api/v1/engagements", handle: a.listEngagements},
		{method: "POST", path: "/api/v1/engagements", handle: a.createEngagement},
		{method: "GET", path: "/api/v1/engagements/{id}", handle: a.getEngagement},
		{method: "PUT", path: "/api/v1/engagements/{id}", handle: a.updateEngagement},
		{method: "DELETE", path: "/api/v1/engagements/{id}", handle: a.deleteEngagement},
		{method: "GET", path: "/api/v1/engagements/{id}/documents", handle: a.listDocuments("engagement")},
		{method: "POST", path: "/api/v1/engagements/{id}/documents", handle: a.uploadDocument("engagement")},

		{method: "GET", path: "/api/v1/action-points", handle: a.listActionPoints},
		{method: "POST", path: "/api/v1/action-points", handle: a.createActionPoint},
		{method: "GET", path: "/api/v1/action-points/{id}", handle: a.getActionPoint},
		{method: "PUT", path: "/api/v1/action-points/{id}", handle: a.updateActionPoint},
		{method: "POST", path: "/api/v1/action-points/{id}/transition", handle: a.transitionActionPoint},

		{method: "GET", path: "/api/v1/agreements", handle: a.listAgreements},
		{method: "POST", path: "/api/v1/agreements", handle: a.createAgreement},
		{method: "GET", path: "/api/v1/agreements/{id}", handle: a.getAgreement},
		{method: "PUT", path: "/api/v1/agreements/{id}", handle: a.updateAgreement},
		{method: "POST", path: "/api/v1/agreements/{id}/transition", handle: a.transitionAgreement},
		{method: "POST", path: "/api/v1/agreements/{id}/amendments", handle: a.amendAgreement},
		{method: "GET", path: "/api/v1/agreements/{id}/history", handle: a.agreementHistory},
		{method: "GET", path: "/api/v1/agreements/{id}/documents", handle: a.listDocuments("agreement")},
		{method: "POST", path: "/api/v1/agreements/{id}/documents", handle: a.uploadDocument("agreement")},

		{method: "GET", path: "/api/v1/documents/{id}", handle: a.downloadDocument},

		{method: "GET", path: "/api/v1/plans", handle: a.listPlans},
		{method: "POST", path: "/api/v1/plans", handle: a.createPlan},
		{method: "GET", path: "/api/v1/plans/{id}", handle: a.getPlan},
		{method: "PUT", path: "/api/v1/plans/{id}", handle: a.updatePlan},

		{method: "GET", path: "/api/v1/activities", handle: a.listActivities},
		{method: "POST", path: "/api/v1/activities", handle: a.createActivity},
		{method: "GET", path: "/api/v1/activities/{id}", handle: a.getActivity},
		{method: "PUT", path: "/api/v1/activities/{id}", handle: a.updateActivity},
		{method: "GET", path: "/api/v1/activities/{id}/indicators", handle: a.listIndicators},
		{method: "POST", path: "/api/v1/activities/{id}/indicators", handle: a.createIndicator},

		{method: "POST", path: "/api/v1/indicators/{id}/values", handle: a.recordValue},
		{method: "GET", path: "/api/v1/indicator-values", handle: a.listIndicatorValues},
		{method: "POST", path: "/api/v1/indicator-values/{id}/transition", handle: a.transitionValue},

		{method: "GET", path: "/api/v1/appeals", handle: a.listAppeals},
		{method: "POST", path: "/api/v1/appeals", handle: a.createAppeal},
		{method: "GET", path: "/api/v1/appeals/{id}", handle: a.getAppeal},
		{method: "POST", path: "/api/v1/appeals/{id}/revisions", handle: a.reviseAppeal},

		{method: "GET", path: "/api/v1/flows", handle: a.listFlows},
		{method: "POST", path: "/api/v1/flows", handle: a.createFlow},
		{method: "GET", path: "/api/v1/flows/{id}", handle: a.getFlow},
		{method: "POST", path: "/api/v1/flows/{id}/advance", handle: a.advanceFlow},

		{method: "POST", path: "/api/v1/exchange-rates", handle: a.setRates},
		{method: "GET", path: "/api/v1/exchange-rates/{currency}", handle: a.getRate},

		{method: "GET", path: "/api/v1/funding", handle: a.funding},

		{method: "POST", path: "/api/v1/extract", handle: a.extractRelease},

		{method: "GET", path: "/api/v1/countries", handle: a.listCountries},
		{method: "GET", path: "/api/v1/countries/{code}", handle: a.getCountry},

		{method: "GET", path: "/api/v1/country-groups", handle: a.listCountryGroups},
		{method: "POST", path: "/api/v1/country-groups", handle: a.createCountryGroup},
		{method: "GET", path: "/api/v1/country-groups/{id}", handle: a.getCountryGroup},
		{method: "PUT", path: "/api/v1/country-groups/{id}", handle: a.updateCountryGroup},
		{method: "DELETE", path: "/api/v1/country-groups/{id}", handle: a.deleteCountryGroup},

		{method: "GET", path: "/api/v1/codes/{list}", handle: a.listCodes},

		{method: "GET", path: "/api/v1/users", handle: a.listUsers},
		{method: "POST", path: "/api/v1/users", handle: a.createUser},
		{method: "GET", path: "/api/v1/users/me", handle: a.getMe},
		{method: "GET", path: "/api/v1/users/{id}", handle: a.getUser},
		{method: "PUT", path: "/api/v1/users/{id}", handle: a.updateUser},

		{method: "GET", path: "/api/v1/tokens", handle: a.listTokens},
		{method: "POST", path: "/api/v1/tokens", handle: a.createToken},
		{method: "DELETE", path: "/api/v1/tokens/{id}", handle: a.revokeToken},

		{method: "GET", path: "/api/v1/audit", handle: a.listAudit},
	}
}

// Register adds every /api/v1 route to mux, with Go 1.22+ method patterns
// ("GET /api/v1/organizations/{id}"), and a fallback for "/api/v1/" that
// answers unknown paths and methods with problems instead of plain text.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.routes() {
		mux.Handle(rt.method+" "+rt.path, a.serve(rt))
	}
	mux.Handle("/api/v1/", a.serve(route{handle: a.noRoute, public: true}))
}
