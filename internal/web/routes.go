package web

import (
	"net/http"

	"github.com/accordhq/accord/internal/web/webkit"
)

// Register registers the staff pages, the language switch, the static
// files and the health checks. The public site registers its own pages
// (package site), the JSON API its own under /api/ (package app mounts
// all).
func (s *Server) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /static/{hash}/", webkit.Static())
	mux.Handle("POST /language", s.html(s.setLanguage))

	mux.Handle("GET /app/login", s.html(s.loginForm))
	mux.Handle("POST /app/login", s.html(s.login))
	mux.Handle("POST /app/logout", s.signedIn(s.logout))
	mux.Handle("GET /app/{$}", s.signedIn(s.dashboard))

	mux.Handle("GET /app/organizations", s.signedIn(s.organizationList))
	mux.Handle("GET /app/organizations/new", s.signedIn(s.organizationNew))
	mux.Handle("POST /app/organizations", s.signedIn(s.organizationCreate))
	mux.Handle("GET /app/organizations/{id}", s.signedIn(s.organizationDetail))
	mux.Handle("GET /app/organizations/{id}/edit", s.signedIn(s.organizationEdit))
	mux.Handle("POST /app/organizations/{id}", s.signedIn(s.organizationUpdate))
	mux.Handle("POST /app/organizations/{id}/archive", s.signedIn(s.organizationArchive))

	mux.Handle("GET /app/people", s.signedIn(s.personList))
	mux.Handle("GET /app/people/new", s.signedIn(s.personNew))
	mux.Handle("POST /app/people", s.signedIn(s.personCreate))
	mux.Handle("GET /app/people/{id}", s.signedIn(s.personDetail))
	mux.Handle("GET /app/people/{id}/edit", s.signedIn(s.personEdit))
	mux.Handle("POST /app/people/{id}", s.signedIn(s.personUpdate))
	mux.Handle("POST /app/people/{id}/archive", s.signedIn(s.personArchive))

	mux.Handle("GET /app/engagements", s.signedIn(s.engagementList))
	mux.Handle("GET /app/engagements/new", s.signedIn(s.engagementNew))
	mux.Handle("POST /app/engagements", s.signedIn(s.engagementCreate))
	mux.Handle("GET /app/engagements/{id}", s.signedIn(s.engagementDetail))
	mux.Handle("GET /app/engagements/{id}/edit", s.signedIn(s.engagementEdit))
	mux.Handle("POST /app/engagements/{id}", s.signedIn(s.engagementUpdate))
	mux.Handle("POST /app/engagements/{id}/delete", s.signedIn(deleteRecord(s.Store.DeleteEngagement, "/app/engagements", "common.deleted")))

	mux.Handle("GET /app/action-points", s.signedIn(s.actionPointList))
	mux.Handle("POST /app/action-points", s.signedIn(s.actionPointCreate))
	mux.Handle("GET /app/action-points/{id}", s.signedIn(s.actionPointDetail))
	mux.Handle("GET /app/action-points/{id}/edit", s.signedIn(s.actionPointEdit))
	mux.Handle("POST /app/action-points/{id}", s.signedIn(s.actionPointUpdate))
	mux.Handle("POST /app/action-points/{id}/status", s.signedIn(s.actionPointMove))

	mux.Handle("GET /app/agreements", s.signedIn(s.agreementList))
	mux.Handle("GET /app/agreements/new", s.signedIn(s.agreementNew))
	mux.Handle("POST /app/agreements", s.signedIn(s.agreementCreate))
	mux.Handle("GET /app/agreements/{id}", s.signedIn(s.agreementDetail))
	mux.Handle("GET /app/agreements/{id}/edit", s.signedIn(s.agreementEdit))
	mux.Handle("POST /app/agreements/{id}", s.signedIn(s.agreementUpdate))
	mux.Handle("POST /app/agreements/{id}/status", s.signedIn(s.agreementMove))
	mux.Handle("POST /app/agreements/{id}/amendments", s.signedIn(s.agreementAmend))

	mux.Handle("GET /app/plans", s.signedIn(s.planList))
	mux.Handle("GET /app/plans/new", s.signedIn(s.planNew))
	mux.Handle("POST /app/plans", s.signedIn(s.planSave))
	mux.Handle("GET /app/plans/{id}", s.signedIn(s.planDetail))
	mux.Handle("GET /app/plans/{id}/edit", s.signedIn(s.planEdit))
	mux.Handle("POST /app/plans/{id}", s.signedIn(s.planSave))

	mux.Handle("GET /app/activities", s.signedIn(s.activityList))
	mux.Handle("GET /app/activities/new", s.signedIn(s.activityNew))
	mux.Handle("POST /app/activities", s.signedIn(s.activitySave))
	mux.Handle("GET /app/activities/{id}", s.signedIn(s.activityDetail))
	mux.Handle("GET /app/activities/{id}/edit", s.signedIn(s.activityEdit))
	mux.Handle("POST /app/activities/{id}", s.signedIn(s.activitySave))
	mux.Handle("POST /app/activities/{id}/indicators", s.signedIn(s.indicatorCreate))
	mux.Handle("POST /app/activities/{id}/values", s.signedIn(s.valueRecord))
	mux.Handle("POST /app/activities/{id}/values/{value}", s.signedIn(s.valueMove))

	mux.Handle("GET /app/countries/{code}", s.signedIn(s.countryPage))
	mux.Handle("GET /app/search", s.signedIn(s.search))
	mux.Handle("POST /app/engagements/{id}/documents", s.signedIn(s.upload("engagement", "/app/engagements/")))
	mux.Handle("POST /app/agreements/{id}/documents", s.signedIn(s.upload("agreement", "/app/agreements/")))
	mux.Handle("GET /app/documents/{id}", s.signedIn(s.download))

	mux.Handle("GET /app/country-groups", s.signedIn(s.groupList))
	mux.Handle("POST /app/country-groups", s.signedIn(s.groupCreate))
	mux.Handle("POST /app/country-groups/{id}/delete", s.signedIn(deleteRecord(s.Store.DeleteCountryGroup, "/app/country-groups", "")))

	mux.Handle("GET /app/tokens", s.signedIn(s.tokenList))
	mux.Handle("POST /app/tokens", s.signedIn(s.tokenCreate))
	mux.Handle("POST /app/tokens/{id}/revoke", s.signedIn(s.tokenRevoke))

	mux.Handle("GET /app/users", s.signedIn(s.userList))
	mux.Handle("POST /app/users", s.signedIn(s.userCreate))
	mux.Handle("GET /app/audit", s.signedIn(s.auditList))

	mux.Handle("GET /app/funding", s.signedIn(s.fundingOverview))
	mux.Handle("GET /app/funding/{by}", s.signedIn(s.fundingBy))
	mux.Handle("GET /app/funding/chart/{file}", s.signedIn(s.fundingChart))
	mux.Handle("GET /app/appeals", s.signedIn(s.appealList))
	mux.Handle("GET /app/appeals/new", s.signedIn(s.appealNew))
	mux.Handle("POST /app/appeals", s.signedIn(s.appealCreate))
	mux.Handle("GET /app/appeals/{id}", s.signedIn(s.appealDetail))
	mux.Handle("POST /app/appeals/{id}/revisions", s.signedIn(s.appealRevise))
	mux.Handle("GET /app/flows", s.signedIn(s.flowList))
	mux.Handle("GET /app/flows/new", s.signedIn(s.flowNew))
	mux.Handle("POST /app/flows", s.signedIn(s.flowCreate))
	mux.Handle("GET /app/flows/{id}", s.signedIn(s.flowDetail))
	mux.Handle("POST /app/flows/{id}/status", s.signedIn(s.flowAdvance))
	mux.Handle("GET /app/rates", s.signedIn(s.rateList))
	mux.Handle("POST /app/rates", s.signedIn(s.rateImport))

	mux.Handle("GET /app/news", s.signedIn(s.newsList))
	mux.Handle("GET /app/news/new", s.signedIn(s.newsNew))
	mux.Handle("POST /app/news", s.signedIn(s.newsSave))
	mux.Handle("GET /app/news/{id}", s.signedIn(s.newsDetail))
	mux.Handle("GET /app/news/{id}/edit", s.signedIn(s.newsEdit))
	mux.Handle("POST /app/news/{id}", s.signedIn(s.newsSave))
	mux.Handle("POST /app/news/{id}/delete", s.signedIn(deleteRecord(s.Store.DeleteNews, "/app/news", "common.deleted")))
	mux.Handle("GET /app/news-images/{id}", s.signedIn(s.newsImage))

	mux.Handle("GET /app/intake", s.signedIn(s.intakeForm))
	mux.Handle("POST /app/intake/read", s.signedIn(s.intakeRead))
	mux.Handle("POST /app/intake/confirm", s.signedIn(s.intakeConfirm))
	s.commentRoutes(mux)

	mux.Handle("GET /app/inbox", s.signedIn(s.inboxList))
	mux.Handle("GET /app/inbox/{id}", s.signedIn(s.inboxDetail))
	mux.Handle("POST /app/inbox/{id}", s.signedIn(s.inboxUpdate))
	mux.Handle("POST /app/inbox/{id}/notes", s.signedIn(s.inboxNote))
	mux.Handle("GET /app/inbox/{id}/attachment", s.signedIn(s.inboxAttachment))
}
