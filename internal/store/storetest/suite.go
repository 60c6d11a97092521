package storetest

import (
	"testing"

	"github.com/accordhq/accord/internal/store"
)

// Run runs the whole conformance suite on open's databases.
func Run(t *testing.T, open func(t testing.TB) *store.DB) {
	tests := map[string]func(*testing.T, *store.DB){
		"Migrations":           testMigrations,
		"ReferenceData":        testReferenceData,
		"CountryGroups":        testCountryGroups,
		"OrganizationCRUD":     testOrganizationCRUD,
		"OrganizationInvalid":  testOrganizationInvalid,
		"OrganizationConflict": testOrganizationConflict,
		"OrganizationList":     testOrganizationList,
		"People":               testPeople,
		"PartnerScope":         testPartnerScope,
		"Users":                testUsers,
		"SessionsAndTokens":    testSessionsAndTokens,
		"Audit":                testAudit,
		"RolesEnforcedInStore": testRolesEnforcedInStore,
		"Engagements":          testEngagements,
		"ActionPoints":         testActionPoints,
		"ChainPartnerScope":    testChainPartnerScope,
		"AppealPartnerScope":   testAppealPartnerScope,
		"PartnerHiddenPieces":  testPartnerSeesNoHiddenPieces,
		"Agreements":           testAgreements,
		"PlansAndActivities":   testPlansAndActivities,
		"Search":               testSearch,
		"SearchWindow":         testSearchWindow,
		"SearchWindowSparse":   testSearchWindowSparse,
		"Documents":            testDocuments,
		"Indicators":           testIndicators,
		"Counting":             testCounting,
		"CountsFollowChanges":  testCountsFollowChanges,
		"FundingTotals":        testFundingTotals,
		"FundingVersion":       testFundingVersion,
		"ConcurrentWriters":    testConcurrentWriters,
		"Reminders":            testReminders,
		"ValueReminders":       testValueReminders,
		"News":                 testNews,
		"Comments":             testComments,
		"CommentsStamp":        testCommentsStamp,
		"CommentNotices":       testCommentNotices,
		"Contact":              testContact,
		"Intake":               testIntake,
		"IdempotencyKeys":      testIdempotencyKeys,
		"Throttles":            testThrottles,
		"JobQueue":             testJobQueue,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, open(t))
		})
	}
}
