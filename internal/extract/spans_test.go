package extract

import (
	"strings"
	"testing"
)

// TestSpansPointAtTheirItems checks that every span covers text that names
// its item, and that every organization, person and commitment has one.
func TestSpansPointAtTheirItems(t *testing.T) {
	text := `JEDDAH: The assistant secretary-general of the Organization of Islamic Cooperation (OIC), Tarig Ali Bakhiet, met the director general of the World Health Organization, Dr. Tedros Adhanom Ghebreyesus, in Geneva on 22 July 2022.
The two sides agreed to develop a new memorandum of understanding between the OIC and WHO.`
	r := mustExtract(t, text, Options{})
	if r.Text != text {
		t.Fatalf("Text differs from the plain input")
	}
	seen := map[string]map[int]bool{}
	for _, s := range r.Spans {
		if s.Start < 0 || s.End > len(r.Text) || s.Start >= s.End {
			t.Fatalf("span out of range: %+v", s)
		}
		got := r.Text[s.Start:s.End]
		switch s.Item {
		case "organization":
			if got != "OIC" && got != "WHO" && !strings.Contains(r.Orgs[s.Index], got) {
				t.Errorf("organization %q highlighted as %q", r.Orgs[s.Index], got)
			}
		case "person":
			if got != r.People[s.Index].Name {
				t.Errorf("person %q highlighted as %q", r.People[s.Index].Name, got)
			}
		case "commitment":
			if got != r.Commitments[s.Index].Text {
				t.Errorf("commitment %q highlighted as %q", r.Commitments[s.Index].Text, got)
			}
		case "location":
			if got != "Geneva" {
				t.Errorf("location highlighted as %q", got)
			}
		}
		if seen[s.Item] == nil {
			seen[s.Item] = map[int]bool{}
		}
		seen[s.Item][s.Index] = true
	}
	for i := range r.Orgs {
		if !seen["organization"][i] {
			t.Errorf("no span for organization %q", r.Orgs[i])
		}
	}
	for i := range r.People {
		if !seen["person"][i] {
			t.Errorf("no span for person %q", r.People[i].Name)
		}
	}
	if len(r.Commitments) == 0 || !seen["commitment"][0] {
		t.Errorf("no span for the commitment: %+v", r.Commitments)
	}
	if !seen["location"][0] {
		t.Errorf("no span for the location")
	}
	for i := 1; i < len(r.Spans); i++ {
		if r.Spans[i].Start < r.Spans[i-1].Start {
			t.Fatalf("spans not in text order: %+v", r.Spans)
		}
	}
}

// TestSpansOfHTMLPointIntoTheTextRead checks that offsets refer to the
// text after tags were removed, which Result.Text carries.
func TestSpansOfHTMLPointIntoTheTextRead(t *testing.T) {
	html := `<p>The President of the African Development Bank, Dr. Amara Kone, met the executive director of the United Nations Children&#39;s Fund, Maria Lopez, in Nairobi.</p>`
	r := mustExtract(t, html, Options{})
	if strings.Contains(r.Text, "<p>") {
		t.Fatalf("Text still has tags: %q", r.Text)
	}
	n := 0
	for _, s := range r.Spans {
		if s.Item == "person" {
			n++
			if got := r.Text[s.Start:s.End]; got != r.People[s.Index].Name {
				t.Errorf("span reads %q, want %q", got, r.People[s.Index].Name)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d person spans, want 2: %+v", n, r.Spans)
	}
}
