package refdata

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func countryIndex(t *testing.T) map[string]Country {
	t.Helper()
	m := map[string]Country{}
	for _, c := range Countries() {
		m[c.Code] = c
	}
	return m
}

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) < 249 {
		t.Fatalf("Countries: got %d entries, want at least 249", len(cs))
	}
	if !slices.IsSortedFunc(cs, func(a, b Country) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("Countries not sorted by code")
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if len(c.Code) != 2 || strings.ToUpper(c.Code) != c.Code {
			t.Errorf("bad country code %q", c.Code)
		}
		if seen[c.Code] {
			t.Errorf("duplicate country code %s", c.Code)
		}
		seen[c.Code] = true
		if c.EN == "" || c.FR == "" || c.AR == "" {
			t.Errorf("%s: empty name: %+v", c.Code, c)
		}
		if !hasArabic(c.AR) {
			t.Errorf("%s: AR %q is not in Arabic script", c.Code, c.AR)
		}
	}

	idx := countryIndex(t)
	for _, code := range []string{"AF", "CH", "SA", "PS"} {
		c, ok := idx[code]
		if !ok {
			t.Errorf("country %s missing", code)
			continue
		}
		if c.EN == "" || c.FR == "" || c.AR == "" {
			t.Errorf("%s: empty name: %+v", code, c)
		}
	}
	if got := idx["AF"].AR; got != "أفغانستان" {
		t.Errorf("AF AR = %q, want أفغانستان", got)
	}
	if got := idx["CH"].FR; got != "Suisse" {
		t.Errorf("CH FR = %q, want Suisse", got)
	}
	if got := idx["CH"].EN; got != "Switzerland" {
		t.Errorf("CH EN = %q, want Switzerland", got)
	}
	if got := idx["SA"].AR; got != "المملكة العربية السعودية" {
		t.Errorf("SA AR = %q", got)
	}
	// AN (Netherlands Antilles) is withdrawn in the IATI Country codelist.
	if _, ok := idx["AN"]; ok {
		t.Error("withdrawn country code AN present")
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

func TestGroups(t *testing.T) {
	idx := countryIndex(t)
	byCode := map[string]Group{}
	for _, g := range Groups() {
		if g.EN == "" || g.FR == "" || g.AR == "" {
			t.Errorf("group %s: empty name: %+v", g.Code, g)
		}
		if !hasArabic(g.AR) {
			t.Errorf("group %s: AR %q is not in Arabic script", g.Code, g.AR)
		}
		if !slices.IsSorted(g.Members) {
			t.Errorf("group %s: members not sorted", g.Code)
		}
		if len(slices.Compact(slices.Clone(g.Members))) != len(g.Members) {
			t.Errorf("group %s: duplicate members", g.Code)
		}
		for _, m := range g.Members {
			if _, ok := idx[m]; !ok {
				t.Errorf("group %s: member %q is not a known country code", g.Code, m)
			}
		}
		byCode[g.Code] = g
	}

	oic, ok := byCode["OIC"]
	if !ok {
		t.Fatal("group OIC missing")
	}
	if len(oic.Members) != 57 {
		t.Errorf("OIC: got %d members, want 57", len(oic.Members))
	}
	for _, m := range []string{"AF", "SA", "ID", "NG", "PS"} {
		if !slices.Contains(oic.Members, m) {
			t.Errorf("OIC: missing %s", m)
		}
	}
	for _, m := range []string{"CH", "IN", "TH", "RU", "BA"} {
		if slices.Contains(oic.Members, m) {
			t.Errorf("OIC: unexpected member %s", m)
		}
	}

	sahel, ok := byCode["SAHEL"]
	if !ok {
		t.Fatal("group SAHEL missing")
	}
	want := []string{"BF", "CM", "GM", "GN", "ML", "MR", "NE", "NG", "SN", "TD"}
	if !slices.Equal(sahel.Members, want) {
		t.Errorf("SAHEL members = %v, want %v", sahel.Members, want)
	}
	if len(byCode) != 2 {
		t.Errorf("got %d groups, want 2", len(byCode))
	}
}

func TestGroupsReturnsCopy(t *testing.T) {
	gs := Groups()
	gs[0].Members[0] = "ZZ"
	gs[0].Code = "changed"
	again := Groups()
	if again[0].Members[0] == "ZZ" || again[0].Code == "changed" {
		t.Error("Groups exposes internal state")
	}
	cs := Countries()
	cs[0].EN = "changed"
	if Countries()[0].EN == "changed" {
		t.Error("Countries exposes internal state")
	}
}

func TestSectors(t *testing.T) {
	cats := map[string]bool{}
	for _, c := range SectorCategories() {
		if len(c.Code) != 3 {
			t.Errorf("bad sector category code %q", c.Code)
		}
		if c.EN == "" || c.FR == "" {
			t.Errorf("sector category %s: empty name", c.Code)
		}
		cats[c.Code] = true
	}
	ss := Sectors()
	if len(ss) == 0 {
		t.Fatal("no sectors")
	}
	codes := map[string]bool{}
	for _, s := range ss {
		if len(s.Code) != 5 {
			t.Errorf("bad sector code %q", s.Code)
			continue
		}
		if s.Category != s.Code[:3] {
			t.Errorf("sector %s: category %s is not the code's first 3 digits", s.Code, s.Category)
		}
		if !cats[s.Category] {
			t.Errorf("sector %s: category %s not in SectorCategories", s.Code, s.Category)
		}
		if s.EN == "" || s.FR == "" {
			t.Errorf("sector %s: empty name", s.Code)
		}
		codes[s.Code] = true
	}
	// Withdrawn in the IATI codelists (status="withdrawn"): sector 11321
	// (Lower secondary education) and category 230 (Energy generation and
	// supply).
	if codes["11321"] {
		t.Error("withdrawn sector 11321 present")
	}
	if cats["230"] {
		t.Error("withdrawn sector category 230 present")
	}
	// An active code, to make sure the absence above is meaningful.
	if !codes["11110"] {
		t.Error("sector 11110 missing")
	}
}

func TestCurrencies(t *testing.T) {
	have := map[string]bool{}
	for _, c := range Currencies() {
		if len(c.Code) != 3 || c.Name == "" {
			t.Errorf("bad currency %+v", c)
		}
		have[c.Code] = true
	}
	for _, code := range []string{"USD", "EUR", "SAR", "CHF"} {
		if !have[code] {
			t.Errorf("currency %s missing", code)
		}
	}
	// BYR is withdrawn (replaced by BYN).
	if have["BYR"] {
		t.Error("withdrawn currency BYR present")
	}
}

func TestOrgTypes(t *testing.T) {
	byCode := map[string]OrgType{}
	for _, o := range OrgTypes() {
		if o.EN == "" || o.FR == "" || o.AR == "" {
			t.Errorf("org type %s: empty name: %+v", o.Code, o)
		}
		if !hasArabic(o.AR) {
			t.Errorf("org type %s: AR %q is not in Arabic script", o.Code, o.AR)
		}
		byCode[o.Code] = o
	}
	if got := byCode["40"]; got.EN != "Multilateral" || got.FR != "Multilatéral" {
		t.Errorf("org type 40 = %+v, want Multilateral/Multilatéral", got)
	}
	if got := byCode["10"]; got.EN != "Government" || got.FR != "Gouvernement" {
		t.Errorf("org type 10 = %+v, want Government/Gouvernement", got)
	}
}
