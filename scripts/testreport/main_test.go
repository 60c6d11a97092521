package main

import (
	"strings"
	"testing"
)

// Events as `go test -json` writes them for a store package whose
// conformance suite ran on SQLite and skipped PostgreSQL, and a web
// package with one failing test.
const events = `{"Action":"start","Package":"x/store"}
{"Action":"run","Package":"x/store","Test":"TestConformance"}
{"Action":"output","Package":"x/store","Test":"TestConformance/sqlite","Output":"=== RUN   TestConformance/sqlite\n"}
{"Action":"pass","Package":"x/store","Test":"TestConformance/sqlite/Users"}
{"Action":"pass","Package":"x/store","Test":"TestConformance/sqlite"}
{"Action":"output","Package":"x/store","Test":"TestConformance/postgres","Output":"    ACCORD_TEST_POSTGRES is not set\n"}
{"Action":"skip","Package":"x/store","Test":"TestConformance/postgres"}
{"Action":"pass","Package":"x/store","Test":"TestConformance"}
{"Action":"output","Package":"x/store","Output":"ok  \tx/store\t1.5s\n"}
{"Action":"pass","Package":"x/store","Elapsed":1.5}
{"Action":"output","Package":"x/web","Test":"TestGood","Output":"noise of a passing test\n"}
{"Action":"pass","Package":"x/web","Test":"TestGood"}
{"Action":"output","Package":"x/web","Test":"TestBad","Output":"    web_test.go:9: the page said 500\n"}
{"Action":"fail","Package":"x/web","Test":"TestBad"}
{"Action":"output","Package":"x/web","Output":"FAIL\tx/web\t0.2s\n"}
{"Action":"fail","Package":"x/web","Elapsed":0.2}
{"Action":"build-output","ImportPath":"x/api [x/api.test]","Output":"api.go:3:1: syntax error\n"}
{"Action":"build-fail","ImportPath":"x/api [x/api.test]"}
`

func TestReport(t *testing.T) {
	var out strings.Builder
	failed, err := report(strings.NewReader(events), &out)
	if err != nil || !failed {
		t.Fatalf("failed %v, err %v; want a failure reported", failed, err)
	}
	got := out.String()
	for _, want := range []string{"ok  \tx/store\t1.5s\n", "the page said 500", "FAIL\tx/web", "api.go:3:1: syntax error",
		"store conformance suite: sqlite pass, postgres skip\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "noise of a passing test") || strings.Contains(got, "ACCORD_TEST_POSTGRES") {
		t.Errorf("report holds the output of tests that passed or skipped:\n%s", got)
	}
}

func TestReportAllPassed(t *testing.T) {
	var out strings.Builder
	passing := strings.Join(strings.Split(events, "\n")[:10], "\n")
	if failed, err := report(strings.NewReader(passing), &out); failed || err != nil {
		t.Fatalf("failed %v, err %v for passing events:\n%s", failed, err, out.String())
	}
}
