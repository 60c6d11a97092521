package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func mustExtract(t *testing.T, text string, opts Options) *Result {
	t.Helper()
	r, err := Extract(context.Background(), text, opts)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return r
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		text string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"spaces", " \n\t ", ErrEmpty},
		{"nul bytes", "PK\x03\x04\x00\x00binary", ErrBinary},
		{"invalid utf-8", strings.Repeat("\xff\xfe\xfd", 100), ErrBinary},
		{"too large", strings.Repeat("a", MaxInput+1), ErrTooLarge},
		{"arabic", "التقى الأمين العام للمنظمة بالمدير العام لمنظمة الصحة العالمية في جنيف وبحثا سبل التعاون", ErrUnsupported},
		{"french", "Le secrétaire général de l'organisation a rencontré le directeur général de l'OMS à Genève pour discuter de la coopération dans le domaine de la santé et des vaccins pour les pays membres.", ErrUnsupported},
		{"only tags", "<html><script>alert(1)</script><p></p></html>", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(context.Background(), tt.text, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestHTMLIsStripped(t *testing.T) {
	html := `<html><head><style>p{color:red}</style><script>var WHO = "World Health Organization met";</script></head>
<body><p>The President of the African Development Bank, Dr. Amara Kone, met the executive director of the United Nations Children&#39;s Fund, Maria Lopez, in Nairobi.</p></body></html>`
	r := mustExtract(t, html, Options{})
	if !r.IsEngagement || len(r.People) != 2 {
		t.Fatalf("got %+v", r)
	}
	if r.People[1].Organization != "United Nations Children's Fund" {
		t.Errorf("entity not decoded: %+v", r.People[1])
	}
	for _, o := range r.Orgs {
		if o == "World Health Organization" {
			t.Errorf("script content was read: %v", r.Orgs)
		}
	}
}

func TestNoEngagement(t *testing.T) {
	r := mustExtract(t, "Heavy rain is expected on Thursday across the region, with temperatures falling to 12 degrees. Forecasters said the storm would clear by Saturday.", Options{})
	if r.IsEngagement || len(r.Orgs)+len(r.People)+len(r.Commitments) != 0 {
		t.Fatalf("got %+v", r)
	}
	// An organization only reporting figures is not an engagement.
	r = mustExtract(t, "According to the World Health Organization, measles cases rose by 30 percent in 2023, the agency said in its annual report.", Options{})
	if r.IsEngagement {
		t.Fatalf("report-only item: %+v", r)
	}
}

func TestPeopleAppositions(t *testing.T) {
	tests := []struct {
		text             string
		name, title, org string
	}{
		{"The deputy director general of the International Labour Organization, Dr. Sara Mendes, met officials of UNICEF in Rome.", "Sara Mendes", "deputy director general", "International Labour Organization"},
		{"Hans Berger, executive director of the World Food Programme, signed the agreement with UNICEF.", "Hans Berger", "executive director", "World Food Programme"},
		{"UNDP's Regional Director for Asia, Kenji Watanabe, held talks with the Asian Development Bank.", "Kenji Watanabe", "Regional Director for Asia", "United Nations Development Programme"},
		{"IOM Director General Maria Santos visited the World Bank on Tuesday.", "Maria Santos", "Director General", "International Organization for Migration"},
		{"The agreement was signed by president of the Islamic Development Bank (IsDB) H.E. Omar Faruk and FAO.", "Omar Faruk", "president", "Islamic Development Bank"},
		{"Kenyan Minister of Health Grace Wanjiru received the head of UNHCR in Nairobi.", "Grace Wanjiru", "Minister of Health", "Government of Kenya"},
	}
	for _, tt := range tests {
		r := mustExtract(t, tt.text, Options{})
		var got *Person
		for i := range r.People {
			if r.People[i].Name == tt.name {
				got = &r.People[i]
			}
		}
		if got == nil {
			t.Errorf("%q: %s not found in %+v", tt.text, tt.name, r.People)
			continue
		}
		if got.Title != tt.title || got.Organization != tt.org {
			t.Errorf("%q: got %q / %q, want %q / %q", tt.text, got.Title, got.Organization, tt.title, tt.org)
		}
	}
}

func TestQuotedPeopleDoNotTakePart(t *testing.T) {
	text := `The Asian Development Bank and UNICEF signed a memorandum of understanding in Manila.
"This is a great day," said Peter Olsen, spokesperson of the Asian Development Bank.`
	r := mustExtract(t, text, Options{})
	if len(r.People) != 0 {
		t.Errorf("quoted official listed as participant: %+v", r.People)
	}
}

func TestOrganizationsByAcronymAndForeignName(t *testing.T) {
	text := "The OIC and the Organisation mondiale de la Santé signed a memorandum of understanding; the Saudi Press Agency reported the signing at the World Economic Forum."
	r := mustExtract(t, text, Options{})
	want := []string{"Organization of Islamic Cooperation", "World Health Organization"}
	if strings.Join(r.Orgs, "|") != strings.Join(want, "|") {
		t.Errorf("got %v, want %v", r.Orgs, want)
	}
}

func TestGovernments(t *testing.T) {
	text := "The Government of Norway and the World Food Programme signed an agreement worth NOK 20 million. The Embassy of Japan attended."
	r := mustExtract(t, text, Options{})
	if len(r.Orgs) < 2 || r.Orgs[0] != "Government of Norway" {
		t.Fatalf("got %v", r.Orgs)
	}
}

func TestPlace(t *testing.T) {
	tests := []struct{ text, city string }{
		{"NAIROBI: The head of UNHCR met the President of the African Union Commission in Addis Ababa on Monday.", "Addis Ababa"},
		{"NAIROBI: UNHCR and the African Union signed an agreement here on Monday.", "Nairobi"},
		{"GENEVA, 3 May (WAM) -- UNHCR and the World Bank signed an agreement.", ""},
	}
	for _, tt := range tests {
		r := mustExtract(t, tt.text, Options{})
		got := ""
		if r.Location.City != nil {
			got = *r.Location.City
		}
		if got != tt.city {
			t.Errorf("%q: city %q, want %q", tt.text, got, tt.city)
		}
	}
}

func TestDates(t *testing.T) {
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC) // a Friday
	tests := []struct {
		text     string
		date     string // stated
		estimate string
	}{
		{"UNICEF and the World Bank signed a memorandum of understanding on 14 February 2023 in Paris.", "2023-02-14", ""},
		{"UNICEF and the World Bank signed a memorandum of understanding on February 14th, 2023.", "2023-02-14", ""},
		{"ROME, 9 March 2023 (WAM) -- UNICEF and FAO signed an agreement today.", "2023-03-09", ""},
		{"ROME, 9 March 2023 (WAM) -- UNICEF and FAO signed an agreement on 7 March.", "2023-03-07", ""},
		{"UNICEF and FAO signed an agreement on Monday.", "", "2023-03-06"},
		{"UNICEF and FAO signed an agreement on March 2.", "", "2023-03-02"},
		{"The head of UNICEF recently met the director general of FAO, Omar Ali.", "", "2023-03-10"},
	}
	for _, tt := range tests {
		r := mustExtract(t, tt.text, Options{Published: pub})
		got, est := "", ""
		if r.Date != nil {
			got = *r.Date
		}
		if r.DateEstimate != nil {
			est = r.DateEstimate.Date
		}
		if got != tt.date || est != tt.estimate {
			t.Errorf("%q: date %q estimate %q, want %q %q", tt.text, got, est, tt.date, tt.estimate)
		}
	}
}

func TestAmounts(t *testing.T) {
	tests := []struct {
		text     string
		amount   float64
		currency string
	}{
		{"UNICEF and the Government of Norway signed a $4.5m agreement.", 4.5e6, "USD"},
		{"The World Bank pledged USD 40 million to the World Food Programme.", 40e6, "USD"},
		{"The Saudi Fund for Development donated SR 10 million to UNHCR.", 10e6, "SAR"},
		{"The European Union announced a €12.5 million contribution to UNICEF.", 12.5e6, "EUR"},
		{"A grant agreement of 7.2 million dollars was signed by the World Bank and UNDP.", 7.2e6, "USD"},
		{"The Government of Japan handed over 260,000 doses of vaccines to UNICEF.", 260000, ""},
		{"The Government of Japan pledged US$ 3 million to the World Food Programme.", 3e6, "USD"},
	}
	for _, tt := range tests {
		r := mustExtract(t, tt.text, Options{})
		if len(r.Commitments) != 1 {
			t.Errorf("%q: got %d commitments: %+v", tt.text, len(r.Commitments), r.Commitments)
			continue
		}
		c := r.Commitments[0]
		cur := ""
		if c.Currency != nil {
			cur = *c.Currency
		}
		if c.Amount == nil || *c.Amount != tt.amount || cur != tt.currency {
			t.Errorf("%q: got %v %q, want %v %q", tt.text, c.Amount, cur, tt.amount, tt.currency)
		}
	}
}

func TestCommitmentKinds(t *testing.T) {
	tests := []struct {
		text  string
		kinds string
	}{
		{"UNHCR and the African Union agreed to develop a memorandum of understanding and a joint action plan.", "mou,plan_of_action"},
		{"UNHCR and the African Union agreed to hold joint workshops on refugee law.", "event"},
		{"UNHCR and the African Union agreed to establish a joint committee to follow up.", "other"},
		// Earlier signings, vague statements and cumulative sums are not commitments.
		{"UNHCR and the African Union met to review the agreement signed between them in 2019.", ""},
		{"UNHCR and the African Union met and reaffirmed their commitment to cooperation.", ""},
		{"UNICEF met the World Bank; since 2010 the Bank has given a total of $300 million.", ""},
		// A headline repeating the lead is one commitment; a total of two is none.
		{"WFP and UNICEF ink $5m deal\n\nA $5 million agreement was signed by WFP and UNICEF.", "agreement"},
		{"Two agreements worth $9 million were signed by WFP and UNICEF. Under the first agreement, $5 million was allocated to Chad. Under the second agreement, $4 million was allocated to Niger.", "agreement,agreement"},
	}
	for _, tt := range tests {
		r := mustExtract(t, tt.text, Options{})
		var kinds []string
		for _, c := range r.Commitments {
			kinds = append(kinds, c.Kind)
		}
		if strings.Join(kinds, ",") != tt.kinds {
			t.Errorf("%q: got %v, want %s", tt.text, kinds, tt.kinds)
		}
	}
}

func TestGazetteerExtends(t *testing.T) {
	text := "The Accord Relief Network and UNICEF signed a memorandum of understanding. It was signed by ARN chief executive Lina Haddad."
	x := New(StaticGazetteer{Orgs: []OrgEntry{{Name: "Accord Relief Network", Acronyms: []string{"ARN"}}}})
	r, err := x.Extract(context.Background(), text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Orgs) != 2 || r.Orgs[0] != "Accord Relief Network" {
		t.Fatalf("got %v", r.Orgs)
	}
	if len(r.People) != 1 || r.People[0].Organization != "Accord Relief Network" {
		t.Fatalf("got %+v", r.People)
	}
	// The default extractor does not know it.
	r = mustExtract(t, text, Options{})
	for _, o := range r.Orgs {
		if o == "Accord Relief Network" {
			t.Errorf("default extractor learned a private name")
		}
	}
}
