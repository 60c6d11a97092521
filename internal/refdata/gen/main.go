// Command gen regenerates the CSV files embedded by package refdata.
//
// It reads IATI codelists (XML) and writes data/*.csv. Country names in
// French and Arabic come from CLDR as shipped in golang.org/x/text
// (package language/display); English names come from the IATI Country
// codelist. Items whose status is "withdrawn" are skipped. Text is
// whitespace-normalised (runs of spaces and newlines become one space).
//
// Run from the module root:
//
//	go run ./internal/refdata/gen -codelists ../shared/data/iati/codelists
//
// or via go generate in internal/refdata (see refdata.go).
//
// Fallbacks (as of the last generation; the generator prints them to
// stderr every run so that changes are visible):
//
//   - Countries: where CLDR has no French or Arabic name, the English IATI
//     name is used. With golang.org/x/text v0.44.0 and the IATI codelists
//     in /work/shared this applies to no code: CLDR names every IATI code,
//     including the user-assigned XK (Kosovo).
//   - Organisation types, sectors and sector categories: where the IATI
//     item has no French narrative, the English name is used for FR. This
//     applies to organisation types 11, 24, 71, 72, 73 and 90.
//   - Organisation types have no Arabic in IATI; the Arabic labels below
//     (orgTypeArabic) are translations of the English labels.
package main

import (
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// orgTypeArabic holds Arabic labels for IATI OrganisationType codes. IATI
// publishes no Arabic names, so these are translations of the English
// labels. The generator fails if a non-withdrawn code has no entry here.
var orgTypeArabic = map[string]string{
	"10": "حكومة",
	"11": "حكومة محلية",
	"15": "قطاع عام آخر",
	"21": "منظمة غير حكومية دولية",
	"22": "منظمة غير حكومية وطنية",
	"23": "منظمة غير حكومية إقليمية",
	"24": "منظمة غير حكومية مقرها في البلد الشريك",
	"30": "شراكة بين القطاعين العام والخاص",
	"40": "منظمة متعددة الأطراف",
	"60": "مؤسسة خيرية",
	"70": "القطاع الخاص",
	"71": "القطاع الخاص في البلد المانح",
	"72": "القطاع الخاص في البلد المتلقي للمساعدة",
	"73": "القطاع الخاص في بلد ثالث",
	"80": "المؤسسات الأكاديمية والتدريب والبحث",
	"90": "أخرى",
}

type codelist struct {
	Items []item `xml:"codelist-items>codelist-item"`
}

type item struct {
	Status   string      `xml:"status,attr"`
	Code     string      `xml:"code"`
	Names    []narrative `xml:"name>narrative"`
	Category string      `xml:"category"`
}

type narrative struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Text string `xml:",chardata"`
}

// name returns the narrative in lang ("" or "en" meaning the codelist
// default, English), whitespace-normalised, or "" if absent.
func (it item) name(lang string) string {
	for _, n := range it.Names {
		l := n.Lang
		if l == "" {
			l = "en"
		}
		if l == lang {
			return strings.Join(strings.Fields(n.Text), " ")
		}
	}
	return ""
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("refdata/gen: ")
	dir := flag.String("codelists", "../shared/data/iati/codelists", "directory holding the IATI codelist XML files")
	out := flag.String("out", "internal/refdata/data", "output directory for the CSV files")
	flag.Parse()

	if err := run(*dir, *out); err != nil {
		log.Fatal(err)
	}
}

func run(dir, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}

	// Countries.
	countries, err := load(dir, "Country.xml")
	if err != nil {
		return err
	}
	fr := display.Regions(language.French)
	ar := display.Regions(language.Arabic)
	var rows [][]string
	var noCLDR []string
	for _, it := range countries {
		en := it.name("en")
		frName, arName := cldrName(fr, it.Code), cldrName(ar, it.Code)
		if frName == "" || arName == "" {
			noCLDR = append(noCLDR, it.Code)
		}
		rows = append(rows, []string{it.Code, en, or(frName, en), or(arName, en)})
	}
	log.Printf("countries: %d; no CLDR name (English used): %v", len(rows), noCLDR)
	if err := write(out, "countries.csv", []string{"code", "en", "fr", "ar"}, rows); err != nil {
		return err
	}

	// Currencies.
	currencies, err := load(dir, "Currency.xml")
	if err != nil {
		return err
	}
	rows = nil
	for _, it := range currencies {
		rows = append(rows, []string{it.Code, it.name("en")})
	}
	log.Printf("currencies: %d", len(rows))
	if err := write(out, "currencies.csv", []string{"code", "en"}, rows); err != nil {
		return err
	}

	// Organisation types.
	orgTypes, err := load(dir, "OrganisationType.xml")
	if err != nil {
		return err
	}
	rows = nil
	var noFR []string
	for _, it := range orgTypes {
		en, frName := it.name("en"), it.name("fr")
		if frName == "" {
			noFR = append(noFR, it.Code)
		}
		arName, ok := orgTypeArabic[it.Code]
		if !ok {
			return fmt.Errorf("organisation type %s (%s) has no Arabic label in orgTypeArabic", it.Code, en)
		}
		rows = append(rows, []string{it.Code, en, or(frName, en), arName})
	}
	log.Printf("organisation types: %d; no French name (English used): %v", len(rows), noFR)
	if err := write(out, "org_types.csv", []string{"code", "en", "fr", "ar"}, rows); err != nil {
		return err
	}

	// Sector categories (DAC 3-digit).
	cats, err := load(dir, "SectorCategory.xml")
	if err != nil {
		return err
	}
	rows = nil
	noFR = nil
	known := map[string]bool{}
	for _, it := range cats {
		en, frName := it.name("en"), it.name("fr")
		if frName == "" {
			noFR = append(noFR, it.Code)
		}
		known[it.Code] = true
		rows = append(rows, []string{it.Code, en, or(frName, en)})
	}
	log.Printf("sector categories: %d; no French name (English used): %v", len(rows), noFR)
	if err := write(out, "sector_categories.csv", []string{"code", "en", "fr"}, rows); err != nil {
		return err
	}

	// Sectors (DAC 5-digit purpose codes).
	sectors, err := load(dir, "Sector.xml")
	if err != nil {
		return err
	}
	rows = nil
	noFR = nil
	for _, it := range sectors {
		en, frName := it.name("en"), it.name("fr")
		if frName == "" {
			noFR = append(noFR, it.Code)
		}
		if len(it.Code) != 5 || it.Category != it.Code[:3] {
			return fmt.Errorf("sector %s: category %q is not the code's first three digits", it.Code, it.Category)
		}
		if !known[it.Category] {
			return fmt.Errorf("sector %s: category %s is not an active sector category", it.Code, it.Category)
		}
		rows = append(rows, []string{it.Code, it.Category, en, or(frName, en)})
	}
	log.Printf("sectors: %d; no French name (English used): %v", len(rows), noFR)
	return write(out, "sectors.csv", []string{"code", "category", "en", "fr"}, rows)
}

// load parses a codelist file and returns its non-withdrawn items sorted
// by code. It fails on empty or duplicate codes and on empty English names.
func load(dir, file string) ([]item, error) {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	var cl codelist
	if err := xml.Unmarshal(b, &cl); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var items []item
	seen := map[string]bool{}
	withdrawn := 0
	for _, it := range cl.Items {
		it.Code = strings.TrimSpace(it.Code)
		it.Category = strings.TrimSpace(it.Category)
		if it.Status == "withdrawn" {
			withdrawn++
			continue
		}
		if it.Code == "" {
			return nil, fmt.Errorf("%s: item without code", file)
		}
		if seen[it.Code] {
			return nil, fmt.Errorf("%s: duplicate code %s", file, it.Code)
		}
		seen[it.Code] = true
		if it.name("en") == "" {
			return nil, fmt.Errorf("%s: code %s has no English name", file, it.Code)
		}
		items = append(items, it)
	}
	slices.SortFunc(items, func(a, b item) int { return strings.Compare(a.Code, b.Code) })
	log.Printf("%s: %d items, %d withdrawn (skipped)", file, len(cl.Items), withdrawn)
	return items, nil
}

// cldrName returns CLDR's name for the ISO 3166-1 alpha-2 code, or "" if
// CLDR (as shipped in x/text) has none.
func cldrName(n display.Namer, code string) string {
	r, err := language.ParseRegion(code)
	if err != nil || r.String() != code {
		return ""
	}
	return n.Name(r)
}

func or(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

func write(dir, file string, header []string, rows [][]string) error {
	f, err := os.Create(filepath.Join(dir, file))
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(header); err != nil {
		f.Close()
		return err
	}
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
