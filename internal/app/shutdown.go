package app

import (
	"errors"
	"flag"
	"fmt"
	"time"
)

// Shutdown is how an instance leaves a load balancer's pool on
// SIGTERM: /readyz answers 503 for DrainPeriod while requests are still
// served, so that the balancer stops sending new ones; then requests in
// flight and the mail jobs get Grace to finish.
type Shutdown struct {
	DrainPeriod time.Duration // ACCORD_DRAIN_PERIOD
	Grace       time.Duration // ACCORD_SHUTDOWN_GRACE; 0: defaultGrace
}

const (
	defaultDrainPeriod = 5 * time.Second
	defaultGrace       = 15 * time.Second
)

func (c *Shutdown) fromEnv(env func(string) string) error {
	c.DrainPeriod, c.Grace = defaultDrainPeriod, defaultGrace
	return errors.Join(envDuration(env, "ACCORD_DRAIN_PERIOD", &c.DrainPeriod, "10s"),
		envDuration(env, "ACCORD_SHUTDOWN_GRACE", &c.Grace, "10s"))
}

func (c *Shutdown) bindFlags(fs *flag.FlagSet) {
	fs.DurationVar(&c.DrainPeriod, "drain-period", c.DrainPeriod, "on shutdown, how long /readyz answers 503 before the listener closes (env ACCORD_DRAIN_PERIOD)")
	fs.DurationVar(&c.Grace, "shutdown-grace", c.Grace, "on shutdown, how long requests in flight and email jobs get to finish (env ACCORD_SHUTDOWN_GRACE)")
}

func (c *Shutdown) problems() []string {
	var p []string
	if c.DrainPeriod < 0 || c.DrainPeriod > 10*time.Minute {
		p = append(p, fmt.Sprintf("drain period %s: must be between 0s and 10m", c.DrainPeriod))
	}
	if c.Grace < 0 || c.Grace > 10*time.Minute {
		p = append(p, fmt.Sprintf("shutdown grace %s: must be between 0s and 10m (0: %s)", c.Grace, defaultGrace))
	}
	return p
}

func (c *Shutdown) grace() time.Duration {
	if c.Grace == 0 {
		return defaultGrace
	}
	return c.Grace
}
