// Command testreport reads `go test -json` from stdin and prints what `go
// test` prints (a line per package, the output of what failed), plus on
// which databases the store conformance suite ran, so that the suite runs
// once and CI still shows that PostgreSQL ran rather than skipped. It exits
// 1 when anything failed.
//
//	go test -json ./... | go run ./scripts/testreport
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Output     string
	Elapsed    float64
}

// conformance is the test whose subtests name the databases it ran on.
const conformance = "TestConformance"

func main() {
	failed, err := report(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testreport:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}

// report prints the summary of the events read from r and reports whether
// anything failed.
func report(r io.Reader, w io.Writer) (failed bool, err error) {
	output := map[string][]string{} // by package and test, until it passes
	build := map[string][]string{}  // build output by import path
	var dialects []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			fmt.Fprintln(w, string(line)) // not an event: the go command's own words
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "build-output":
			build[e.ImportPath] = append(build[e.ImportPath], e.Output)
		case "build-fail":
			failed = true
			fmt.Fprint(w, strings.Join(build[e.ImportPath], ""))
		case "output":
			output[key] = append(output[key], e.Output)
		case "pass", "skip":
			if parent, sub, ok := strings.Cut(e.Test, "/"); ok && parent == conformance && !strings.Contains(sub, "/") {
				dialects = append(dialects, fmt.Sprintf("%s %s", sub, e.Action))
			}
			if e.Test == "" {
				fmt.Fprint(w, packageLine(e, output[key]))
			}
			delete(output, key)
		case "fail":
			failed = true
			fmt.Fprint(w, strings.Join(output[key], ""))
			delete(output, key)
		}
	}
	if err := sc.Err(); err != nil {
		return true, err
	}
	if len(dialects) > 0 {
		fmt.Fprintf(w, "store conformance suite: %s\n", strings.Join(dialects, ", "))
	}
	return failed, nil
}

// packageLine is the line `go test` prints for a package that passed or
// has no tests: the last line of its output ("ok  pkg 1.2s" or "?  pkg
// [no test files]").
func packageLine(e event, output []string) string {
	for i := len(output) - 1; i >= 0; i-- {
		if line := output[i]; strings.HasPrefix(line, "ok") || strings.HasPrefix(line, "?") {
			return line
		}
	}
	return fmt.Sprintf("ok  \t%s\t%.3fs\n", e.Package, e.Elapsed)
}
