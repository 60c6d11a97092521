package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "release.txt")
	text := "GENEVA: The executive director of the World Food Programme, Anna Berg, met the President of the Islamic Development Bank, Dr. Omar Said, in Geneva on Monday. The two sides signed a $2.5 million agreement.\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, nil, "", "extract", "--published", "2024-03-06", file)
	if code != 0 || !strings.Contains(out, "Anna Berg, executive director (World Food Programme)") || !strings.Contains(out, "[agreement 2,500,000 USD]") {
		t.Fatalf("text: %d %q %q", code, out, errs)
	}
	if !strings.Contains(out, "probably 2024-03-04") {
		t.Errorf("no date estimate for \"on Monday\": %q", out)
	}
	code, out, errs = run(t, nil, "", "extract", "--json", file)
	if code != 0 {
		t.Fatalf("json: %d %q", code, errs)
	}
	var got struct {
		IsEngagement bool     `json:"is_engagement"`
		Orgs         []string `json:"organizations"`
		Location     struct {
			City *string `json:"city"`
		} `json:"location"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("json: %v in %q", err, out)
	}
	if !got.IsEngagement || len(got.Orgs) != 2 || got.Location.City == nil || *got.Location.City != "Geneva" {
		t.Errorf("json: %+v", got)
	}

	// Refusals are clear errors.
	bin := filepath.Join(dir, "image.png")
	os.WriteFile(bin, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	if code, _, errs := run(t, nil, "", "extract", bin); code != 1 || !strings.Contains(errs, "not text") {
		t.Errorf("binary: %d %q", code, errs)
	}
	if code, _, errs := run(t, nil, "", "extract", "--published", "06/03/2024", file); code != 2 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad date: %d %q", code, errs)
	}
	if code, _, _ := run(t, nil, "", "extract"); code != 2 {
		t.Errorf("no file: %d", code)
	}
}

func TestExtractEvalCommand(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "001.txt"), []byte("UNICEF and the World Bank signed a memorandum of understanding in Paris."), 0o644)
	os.WriteFile(filepath.Join(dir, "001.gold.json"), []byte(`{"is_engagement": true, "date": null,
	 "location": {"city": "Paris", "country_iso2": "FR"},
	 "organizations": ["United Nations Children's Fund", "World Bank Group"], "people": [],
	 "commitments": [{"text": "x", "kind": "mou", "amount": null, "currency": null, "parties": []}],
	 "countries_mentioned": []}`), 0o644)
	code, out, errs := run(t, nil, "", "extract", "eval", dir)
	if code != 0 {
		t.Fatalf("%d %q", code, errs)
	}
	for _, want := range []string{"organizations              1.000     1.000     1.000", "location city              1.000           1/1", "Matching rules:"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}
