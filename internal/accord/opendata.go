package accord

import (
	"context"
	"time"
)

// OpenDataService tells when the data the public open-data downloads are
// made of last changed.
type OpenDataService interface {
	// OpenDataUpdated is the latest change to activities, flows, appeals and
	// organizations (whose names the tables carry); zero when there are none.
	OpenDataUpdated(ctx context.Context) (time.Time, error)
}

// OpenDataActor reads the records the public open-data downloads publish:
// it sees what a viewer sees, and may change nothing.
var OpenDataActor = Actor{Email: "open data", Role: RoleViewer}
