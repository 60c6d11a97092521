package mail

import (
	"context"
	"log/slog"
	"time"
)

// Loop runs a job that sends email: tick at once, then every interval and
// whenever wake receives (a nil wake never does), until ctx ends. tick
// reports how many emails went out; what names them in the log. A tick
// under way when ctx ends gets the ended ctx: it stops sending, records
// what it sent, and returns.
func Loop(ctx context.Context, interval time.Duration, wake <-chan struct{}, logger *slog.Logger, what string,
	tick func(context.Context) (int, error)) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		sent, err := tick(ctx)
		if err != nil && ctx.Err() == nil {
			logger.Error(what, "err", err, "sent", sent)
		} else if sent > 0 {
			logger.Info(what+" sent", "count", sent)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		case <-wake:
		}
	}
}
