package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzExtract checks that no input panics, that every answer is either a
// known refusal or a well-formed result, and that no input costs more
// than a tenth of the work budget per token: a shape that does has found
// a loop that grows faster than the text. Its seed corpus is kept in
// testdata/fuzz/FuzzExtract, with the adversarial shapes among it.
func FuzzExtract(f *testing.F) {
	f.Add("The director general of the World Health Organization, Dr. Tedros, met UNICEF in Geneva on 5 May 2023.", "2023-05-06")
	f.Add("<p>KSrelief and WFP ink $4.5m deal</p><script>x</script>", "")
	f.Add("GENEVA, Dec 5 (KUNA) -- A pledge of USD one million was made by the State of Kuwait.", "2023-12-05")
	f.Add("\"", "")
	f.Add("(((( -- : , , of the of", "")
	for _, sh := range adversarialShapes {
		f.Add(adversarialText(sh.unit, 2<<10), "")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		var opts Options
		if len(published) == 10 {
			if p, err := parseDate(published); err == nil {
				opts.Published = p
			}
		}
		r, err := Extract(context.Background(), text, opts)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		d := newDoc(context.Background(), defaultExtractor().ix, r.Text, opts)
		d.run()
		if d.work > workPerToken/10*len(d.toks)+10000 {
			t.Fatalf("%d steps for %d tokens", d.work, len(d.toks))
		}
		if r == nil || r.Orgs == nil || r.People == nil || r.Commitments == nil || r.Countries == nil {
			t.Fatalf("nil lists in %+v", r)
		}
		if !r.IsEngagement && (len(r.Orgs)+len(r.People)+len(r.Commitments) > 0) {
			t.Fatalf("findings without an engagement: %+v", r)
		}
		for _, s := range r.Spans {
			if s.Start < 0 || s.Start >= s.End || s.End > len(r.Text) {
				t.Fatalf("span %+v outside the text of %d bytes", s, len(r.Text))
			}
		}
	})
}

// BenchmarkExtract reads the dev set again and again; b.N articles.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(devDir, "*.txt"))
	var texts []string
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err == nil {
			texts = append(texts, string(t))
		}
	}
	if len(texts) == 0 {
		b.Skip("dev set not present")
	}
	x := New(nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = x.Extract(context.Background(), texts[i%len(texts)], Options{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
