package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// soak runs the mixed load on every instance for d, printing each
// instance's resident memory every interval, and reports whether it stayed
// flat: at the end at most a quarter above what it was once warmed up (the
// first sample after a fifth of the run).
func soak(c *cluster, base string, conc int, d, interval time.Duration, writeShare float64) (*loadResult, bool) {
	fmt.Printf("soak: %d clients for %s; resident memory (MB) of each instance\n\n", conc, d)
	fmt.Printf("| elapsed | %s | operations so far |\n|---|%s---|\n", strings.Join(c.order, " | "), strings.Repeat("---|", len(c.order)))
	warm := map[string]int{}
	last := map[string]int{}
	res := runLoad(base, c.token, "soak", conc, d, writeShare, func(res *loadResult) {
		start := time.Now()
		for elapsed := time.Duration(0); elapsed < d; elapsed = time.Since(start) {
			time.Sleep(min(interval, d-elapsed))
			var cells []string
			for _, name := range c.order {
				mb := rssMB(c.procs[name].Process.Pid)
				cells = append(cells, strconv.Itoa(mb))
				last[name] = mb
				if _, ok := warm[name]; !ok && time.Since(start) >= d/5 {
					warm[name] = mb
				}
			}
			fmt.Printf("| %s | %s | %d |\n", time.Since(start).Round(time.Second), strings.Join(cells, " | "), opsSoFar(res))
		}
	})
	rps, p99, failed := res.summary(res.start, res.end)
	fmt.Printf("\n%.0f operations/s, p99 %s, %d failed\n", rps, p99.Round(100*time.Microsecond), failed)
	flat := true
	for _, name := range c.order {
		if w := warm[name]; w > 0 && last[name] > w*5/4 {
			flat = false
			fmt.Printf("FAIL instance %s grew from %d MB (warm) to %d MB\n", name, w, last[name])
		}
	}
	if flat {
		fmt.Println("ok   resident memory flat: no instance ended more than 25% above its warm size")
	}
	return res, flat && failed == 0
}

// opsSoFar reads the operation count of a run in progress.
func opsSoFar(res *loadResult) int {
	res.mu.Lock()
	defer res.mu.Unlock()
	return len(res.ops)
}

// rssMB is a process's resident set size, from /proc.
func rssMB(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(rest)[0])
			return kb / 1024
		}
	}
	return -1
}
