package extract

import (
	"sync"
	"testing"
)

// Releases are read at the same time by several officers: folding must be
// safe from many goroutines (run with -race, it failed on one shared
// transformer; without it, words came out mangled).
func TestFoldConcurrently(t *testing.T) {
	words := map[string]string{"Coopération": "cooperation", "Organización": "organizacion", "Ḥajj": "hajj", "São Tomé": "sao tome"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				for in, want := range words {
					if got := fold(in); got != want {
						t.Errorf("fold(%q) = %q, want %q", in, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
