package store_test

import (
	"testing"

	"github.com/accordhq/accord/internal/store"
	"github.com/accordhq/accord/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			storetest.Run(t, func(t testing.TB) *store.DB { return storetest.Open(t, d) })
		})
	}
}
