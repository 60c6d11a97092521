package extract

import (
	"os"
	"strings"
	"testing"
)

const devDir = "../../../shared/data/pressreleases/dev"

func TestDevSetTargets(t *testing.T) {
	if _, err := os.Stat(devDir); err != nil {
		t.Skip("dev set not present:", err)
	}
	rep, err := Evaluate(New(nil), devDir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.Write(&b, true)
	t.Log("\n" + b.String())
	// Floors at what the rules reach on the dev set, rounded down a little;
	// the targets are in the comments. The dev set grew from 32 to
	// 62 items (30 the rules were never read from), so the floors are those
	// the rules reach on all 62: they catch a regression, and issue 15 raises them.
	floors := []struct {
		name      string
		got, want float64
	}{
		{"organizations F1 (target 0.90)", rep.Orgs.F1(), devFloors.orgs},
		{"people name F1 (target 0.85)", rep.Names.F1(), devFloors.names},
		{"people title F1 (target 0.75)", rep.Titles.F1(), devFloors.titles},
		{"commitments F1 (target 0.70)", rep.Commitments.F1(), devFloors.commitments},
		{"location city accuracy (target 0.90)", rep.City.Value(), devFloors.city},
		{"is_engagement accuracy (target 0.95)", rep.Engagement.Value(), devFloors.engagement},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s: %.3f, below the floor %.2f", f.name, f.got, f.want)
		}
	}
}

var devFloors = struct{ orgs, names, titles, commitments, city, engagement float64 }{
	orgs: 0.87, names: 0.86, titles: 0.84, commitments: 0.70, city: 0.90, engagement: 0.96,
}
