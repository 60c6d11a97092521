package benchkit

import (
	"context"
	"io"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/app"
	"github.com/accordhq/accord/internal/generate"
)

// World is Accord serving a generated organization, for the benchmarks of
// pages.
type World struct {
	*app.Server
	DSN       string
	Generated *generate.Result // nil when a database generated before was reused
	GenTime   time.Duration
	Settled   time.Duration // VACUUM ANALYZE and CHECKPOINT, on PostgreSQL
	cleanup   func()
}

// Serve starts Accord, with its log thrown away, on reuse if that names a
// database where has finds a generated organization; else on a fresh
// database of kind (PostgreSQL: pgName, dropped and created anew) into
// which it generates one of scale and seed, with a progress bar.
// PostgreSQL is then settled.
func Serve(ctx context.Context, kind, pgName, reuse string, scale float64, seed uint64, has func(admin context.Context, s *app.Server) bool) *World {
	w := &World{DSN: reuse, cleanup: func() {}}
	if reuse == "" {
		w.DSN, w.cleanup = Database(kind, pgName)
	}
	s, err := app.Start(ctx, app.Config{Addr: "127.0.0.1:0", DB: w.DSN, LogFormat: "text", LogLevel: "error", SessionTTL: time.Hour},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		log.Fatal(err)
	}
	w.Server = s
	if reuse == "" || !has(accord.WithActor(ctx, accord.SystemActor), s) {
		bar := generate.NewBar(os.Stderr, generate.Expected(scale).Total())
		start := time.Now()
		w.Generated, err = generate.Run(ctx, s.DB, generate.Options{Scale: scale, Seed: seed, Progress: bar.Add})
		bar.Done(err)
		if err != nil {
			log.Fatal(err)
		}
		w.GenTime = time.Since(start)
	}
	w.Settled = Settle(s.DB.Dialect() == "postgres", w.DSN)
	return w
}

// Close stops Accord and removes a database made for the run.
func (w *World) Close() {
	w.Shutdown()
	w.cleanup()
}
