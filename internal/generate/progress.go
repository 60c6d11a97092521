package generate

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Bar draws a terminal progress bar on w for a generation of total records.
// Pass its Add as Options.Progress and call Done when Run returns.
type Bar struct {
	w       io.Writer
	bar     *progressbar.ProgressBar
	started bool
}

// NewBar starts a progress bar.
func NewBar(w io.Writer, total int) *Bar {
	return &Bar{w: w, bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("generating"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)}
}

// Add records that n more records were written.
func (b *Bar) Add(n int) {
	b.started = true
	_ = b.bar.Add(n)
}

// Done finishes the bar, or leaves it where it stopped after an error. A
// bar that never moved (Run refused to start) is not drawn at all.
func (b *Bar) Done(err error) {
	switch {
	case !b.started:
		return
	case err == nil:
		_ = b.bar.Finish()
	default:
		_ = b.bar.Exit()
		fmt.Fprintln(b.w)
	}
}
