package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// adversarialShapes are texts built to defeat the extractor's loops: one
// sentence that never ends (no full stop, no line break), made of the
// pieces its patterns look at. Each repeats a unit up to a size.
var adversarialShapes = []struct {
	name string
	unit string
}{
	{"titled-names", "Dr. John Smith, Director-General, "},
	{"capitalised-run", "Alpha Bravo Charlie Delta Echo Foxtrot "},
	{"commas", ", , , , , , , , , , "},
	{"titles", "Deputy Executive Director of the Regional Office for "},
	{"coordinated-titles", "Director and "},
	{"honorifics", "Dr. H.E. Sheikh "},
	{"hyphenated-name", "John al-Rabeeah-"},
	{"numbers", "4,500 1.5 2,000,000 12 "},
	{"currencies", "$4.5m US$ 6.6 million USD one million SR 10 million "},
	{"orgs-met", "WHO met UNICEF and WFP signed a memorandum with IOM "},
	{"surnames", "Dr. Jane Roe, Director of WHO, met Roe and Smith "},
	{"national-titles", "the Minister Jane Roe met "},
	{"quotes", "\"Smith met\" \u201cRoe signed\u201d "},
	{"pledges", "WHO signed a $1 agreement. UNICEF pledged $2 million. "},
}

// adversarialText repeats unit to about size bytes, whole units only: a
// word cut at the end ("Di" of "Director") could make the text look
// Italian and be refused unread.
func adversarialText(unit string, size int) string {
	return strings.Repeat(unit, max(1, size/len(unit)))
}

// workOf returns the extractor's count of inner steps for text.
func workOf(t *testing.T, text string) int {
	t.Helper()
	clean, _, err := prepare(text)
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	d := newDoc(context.Background(), defaultExtractor().ix, clean, Options{})
	d.run()
	if d.err != nil {
		t.Fatalf("run: %v", d.err)
	}
	return d.work
}

// TestWorkGrowsLinearly checks, without timing anything, that four times
// the text costs at most about four times the work on each adversarial
// shape: a quadratic loop would cost sixteen times, a cubic one 64.
func TestWorkGrowsLinearly(t *testing.T) {
	const n = 8 << 10
	for _, sh := range adversarialShapes {
		t.Run(sh.name, func(t *testing.T) {
			small, large := workOf(t, adversarialText(sh.unit, n)), workOf(t, adversarialText(sh.unit, 4*n))
			if large > 5*small+1000 {
				t.Errorf("work %d at %d bytes, %d at %d bytes: %.1f times for 4 times the text", small, n, large, 4*n, float64(large)/float64(small))
			}
		})
	}
}

// BenchmarkExtractAdversarial reads each adversarial shape at sizes from
// 13 to 108 KB; ns/op should double with the size, not grow faster.
func BenchmarkExtractAdversarial(b *testing.B) {
	x := New(nil)
	for _, sh := range adversarialShapes {
		for _, kb := range []int{13, 27, 54, 108} {
			text := adversarialText(sh.unit, kb<<10)
			b.Run(fmt.Sprintf("%s/%dKB", sh.name, kb), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if _, err := x.Extract(context.Background(), text, Options{}); err != nil {
						b.Fatal(err) // a refusal would time nothing
					}
				}
			})
		}
	}
}

// endingCtx is a context whose Err turns to Canceled after a number of
// calls: the request's client leaving in the middle of a read.
type endingCtx struct {
	context.Context
	calls, after int
}

func (c *endingCtx) Err() error {
	c.calls++
	if c.calls > c.after {
		return context.Canceled
	}
	return nil
}

// TestExtractStopsWhenContextEnds reads a long text for a client that
// leaves: the extractor stops and says why, and gives no result.
func TestExtractStopsWhenContextEnds(t *testing.T) {
	text := adversarialText("Dr. John Smith, Director-General, ", 108<<10)
	ctx := &endingCtx{Context: context.Background(), after: 3}
	r, err := Extract(ctx, text, Options{})
	if !errors.Is(err, context.Canceled) || r != nil {
		t.Fatalf("got %v, %v; want context.Canceled and no result", r, err)
	}
	if ctx.calls > ctx.after+1 {
		t.Errorf("the context was asked %d times after it ended", ctx.calls-ctx.after-1)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(cancelled, "The director general of WHO, Dr. Tedros, met UNICEF in Geneva.", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a request already gone: %v", err)
	}
}

// TestExtractMemory reads a megabyte of commas, a token per byte: the
// tokens are the largest part of the extractor's memory, and reading
// allocates at most 150 bytes per byte of text.
func TestExtractMemory(t *testing.T) {
	defaultExtractor()
	text := adversarialText(",", MaxInput)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Extract(context.Background(), text, Options{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 150*uint64(len(text)) {
		t.Errorf("%d MB allocated to read %d MB", n>>20, MaxInput>>20)
	}
}

// TestNamesAlikeCostNothing reads a run of one first name with a
// gazetteer of 5,000 people who share it, as Accord's own people may
// ("Mohammed ..."): finding names costs the same as with the shipped
// lists, not a comparison with each of them at each word.
func TestNamesAlikeCostNothing(t *testing.T) {
	g := StaticGazetteer{}
	for i := range 5000 {
		g.Persons = append(g.Persons, PersonEntry{Name: fmt.Sprintf("Mohammed Person%d", i)})
	}
	text := adversarialText("Mohammed met ", 64<<10)
	work := func(x *Extractor) int {
		d := newDoc(context.Background(), x.ix, text, Options{})
		d.run()
		return d.work
	}
	shipped, alike := work(New(nil)), work(New(g))
	if alike > 2*shipped {
		t.Errorf("%d steps with 5,000 people named Mohammed, %d with the shipped lists", alike, shipped)
	}
}
