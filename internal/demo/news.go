package demo

import (
	"context"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// loadNews publishes the news of the Geneva visit: the OIC–WHO release of
// the seed article in English, French and Arabic, and shorter items on the
// IOM and ICRC meetings. The release's wording follows the seed article;
// the publication times are illustrative.
func loadNews(ctx context.Context, s Store) error {
	engagements, _, err := s.ListEngagements(ctx, accord.EngagementFilter{Unlimited: true})
	if err != nil {
		return err
	}
	byTitle := map[string]int64{}
	for _, e := range engagements {
		byTitle[e.Title] = e.ID
	}
	at := func(day int) *time.Time {
		t := time.Date(2022, 7, day, 9, 0, 0, 0, time.UTC)
		return &t
	}
	link := func(title string) []accord.NewsLink {
		if id := byTitle[title]; id != 0 {
			return []accord.NewsLink{{Entity: "engagement", EntityID: id}}
		}
		return nil
	}
	items := []*accord.NewsItem{
		{Slug: "oic-who-enhance-cooperation-in-health", Status: accord.NewsPublished, PublishAt: at(25), Tags: []string{"health", "WHO", "Afghanistan", "Sahel"},
			Links: link("OIC–WHO meeting on health cooperation"),
			Translations: []accord.NewsTranslation{
				{Lang: "en", Title: "OIC and WHO to develop a new memorandum of understanding and plan of action",
					Summary: "Geneva: the OIC Assistant Secretary-General and the WHO Director-General agreed to reinforce their cooperation in health.",
					Body: "The assistant secretary-general for humanitarian, cultural, and social affairs of the Organization of Islamic Cooperation, " +
						"**Tarig Ali Bakhiet**, met the director general of the World Health Organization, **Dr. Tedros Adhanom Ghebreyesus**, in Geneva.\n\n" +
						"The two sides agreed to develop a new memorandum of understanding and a plan of action to reinforce their bilateral cooperation in:\n\n" +
						"- health and technical assistance;\n- provision of medical supplies;\n- training and capacity building\n\n" +
						"to the benefit of the OIC member states. Resource and support mobilization for the health sector in Afghanistan and the Sahel, " +
						"including access to COVID-19 vaccines, was also discussed."},
				{Lang: "fr", Title: "L'OCI et l'OMS élaboreront un nouveau mémorandum d'accord et un plan d'action",
					Summary: "Genève : le Secrétaire général adjoint de l'OCI et le Directeur général de l'OMS sont convenus de renforcer leur coopération dans la santé.",
					Body: "Le secrétaire général adjoint de l'Organisation de la coopération islamique chargé des affaires humanitaires, culturelles et sociales, " +
						"**Tarig Ali Bakhiet**, a rencontré à Genève le directeur général de l'Organisation mondiale de la Santé, **le Dr Tedros Adhanom Ghebreyesus**.\n\n" +
						"Les deux parties sont convenues d'élaborer un nouveau mémorandum d'accord et un plan d'action pour renforcer leur coopération : " +
						"santé et assistance technique, fourniture de matériel médical, formation et renforcement des capacités, au bénéfice des États membres de l'OCI."},
				{Lang: "ar", Title: "منظمة التعاون الإسلامي ومنظمة الصحة العالمية تعدّان مذكرة تفاهم جديدة وخطة عمل",
					Summary: "جنيف: اتفق الأمين العام المساعد للمنظمة والمدير العام لمنظمة الصحة العالمية على تعزيز التعاون في مجال الصحة.",
					Body: "التقى الأمين العام المساعد للشؤون الإنسانية والثقافية والاجتماعية في منظمة التعاون الإسلامي، **طارق علي بخيت**، " +
						"المدير العام لمنظمة الصحة العالمية، **الدكتور تيدروس أدهانوم غيبريسوس**، في جنيف.\n\n" +
						"واتفق الجانبان على إعداد مذكرة تفاهم جديدة وخطة عمل لتعزيز تعاونهما الثنائي في مجالات الصحة والمساعدة الفنية وتوفير الإمدادات الطبية والتدريب وبناء القدرات، لصالح الدول الأعضاء في المنظمة."},
			}},
		{Slug: "oic-iom-enhanced-framework-of-engagement", Status: accord.NewsPublished, PublishAt: at(26), Tags: []string{"migration", "IOM"},
			Links: link("OIC–IOM meeting on migration"),
			Translations: []accord.NewsTranslation{
				{Lang: "en", Title: "OIC and IOM to strengthen cooperation on migration",
					Body: "During the same visit to Geneva, the OIC and the International Organization for Migration agreed to strengthen their cooperation through an **enhanced framework of engagement**."},
				{Lang: "fr", Title: "L'OCI et l'OIM renforcent leur coopération sur les migrations",
					Body: "Au cours de la même visite à Genève, l'OCI et l'Organisation internationale pour les migrations sont convenues de renforcer leur coopération par un **cadre d'engagement renforcé**."},
			}},
		{Slug: "oic-icrc-seminars-on-humanitarian-law", Status: accord.NewsPublished, PublishAt: at(27), Tags: []string{"international humanitarian law", "ICRC"},
			Links: link("OIC–ICRC meeting on humanitarian cooperation"),
			Translations: []accord.NewsTranslation{
				{Lang: "en", Title: "OIC and ICRC to continue seminars and workshops on international humanitarian law",
					Body: "The OIC and the International Committee of the Red Cross, which have signed a cooperation agreement and a work plan, agreed to continue holding seminars and workshops in the humanitarian field and on international humanitarian law."},
				{Lang: "ar", Title: "منظمة التعاون الإسلامي واللجنة الدولية للصليب الأحمر تواصلان الندوات وورش العمل حول القانون الدولي الإنساني",
					Body: "اتفقت منظمة التعاون الإسلامي واللجنة الدولية للصليب الأحمر، اللتان وقعتا اتفاق تعاون وخطة عمل، على مواصلة عقد الندوات وورش العمل في المجال الإنساني وحول القانون الدولي الإنساني."},
			}},
	}
	for _, n := range items {
		if err := s.CreateNews(ctx, n); err != nil {
			return err
		}
	}
	return nil
}
