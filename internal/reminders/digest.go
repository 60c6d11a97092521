package reminders

import (
	"bytes"
	"fmt"
	"html/template"
	"net/mail"
	texttemplate "text/template"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
	accordmail "github.com/accordhq/accord/internal/mail"
)

// digestText is the wording of a digest in one language. The windows are
// fixed (7, 30, 60, 90 days), so no sentence needs plural rules.
type digestText struct {
	Subject      string // %s: the day
	Greeting     string // %s: the user's name
	Intro        string
	Agreements   string
	ActionPoints string
	Values       string
	Expires      string // %s: the expiry date, %s: the window in days
	DueSoon      string // %s: the due date
	Overdue      string // %s: the due date
	Source       string // %s: the engagement
	Footer       string
}

// digestTexts hold the wording per language. They live here rather than in
// the UI's catalogs because only mail uses them.
var digestTexts = map[string]digestText{
	"en": {
		Subject:      "Accord: reminders for %s",
		Greeting:     "Hello %s,",
		Intro:        "These need your attention:",
		Agreements:   "Agreements expiring",
		ActionPoints: "Your action points",
		Values:       "Indicator values awaiting your approval",
		Expires:      "expires on %s, within %s days",
		DueSoon:      "due on %s, within 7 days",
		Overdue:      "overdue: it was due on %s",
		Source:       "agreed at: %s",
		Footer:       "Accord sends at most one such digest a day, and only when something needs your attention.",
	},
	"fr": {
		Subject:      "Accord : rappels du %s",
		Greeting:     "Bonjour %s,",
		Intro:        "Ces éléments demandent votre attention :",
		Agreements:   "Accords arrivant à échéance",
		ActionPoints: "Vos points d’action",
		Values:       "Valeurs d’indicateurs en attente de votre approbation",
		Expires:      "expire le %s, d’ici %s jours",
		DueSoon:      "échéance le %s, d’ici 7 jours",
		Overdue:      "en retard : l’échéance était le %s",
		Source:       "convenu lors de : %s",
		Footer:       "Accord envoie au plus un tel récapitulatif par jour, et seulement lorsque quelque chose demande votre attention.",
	},
	"ar": {
		Subject:      "أكورد: تذكيرات %s",
		Greeting:     "مرحبًا %s،",
		Intro:        "تحتاج البنود التالية إلى اهتمامك:",
		Agreements:   "اتفاقات تقترب نهاية مدتها",
		ActionPoints: "بنود العمل المسندة إليك",
		Values:       "قيم مؤشرات بانتظار اعتمادك",
		Expires:      "تنتهي مدتها في %s، خلال %s يومًا",
		DueSoon:      "موعدها %s، خلال 7 أيام",
		Overdue:      "متأخر: كان موعده %s",
		Source:       "اتُّفق عليه في: %s",
		Footer:       "يرسل أكورد ملخصًا واحدًا على الأكثر في اليوم، وفقط عندما يحتاج أمر ما إلى اهتمامك.",
	},
}

// section is one kind of reminder in a digest, as shown.
type section struct {
	Heading string
	Items   []item
}

type item struct {
	Title string
	When  string
	From  string
}

// digestPage is what the templates show.
type digestPage struct {
	Lang, Dir string
	Greeting  string
	Intro     string
	Sections  []section
	Footer    string
}

// Render writes a digest as an email in the recipient's language (English
// when the user has none), with a plain text body and an HTML alternative.
func Render(d accord.Digest) (accordmail.Message, error) {
	loc := i18n.Get(d.To.Language)
	text, ok := digestTexts[loc.Lang]
	if !ok {
		text = digestTexts["en"]
	}
	page := digestPage{Lang: loc.Lang, Dir: loc.Dir, Greeting: fmt.Sprintf(text.Greeting, d.To.Name), Intro: text.Intro, Footer: text.Footer}
	byKind := map[string]int{} // kind → index in page.Sections
	for _, r := range d.Reminders {
		i, ok := byKind[r.Kind]
		if !ok {
			heading := text.ActionPoints
			switch r.Kind {
			case accord.ReminderAgreementExpiry:
				heading = text.Agreements
			case accord.ReminderValueAwaiting:
				heading = text.Values
			}
			i = len(page.Sections)
			byKind[r.Kind] = i
			page.Sections = append(page.Sections, section{Heading: heading})
		}
		it := item{Title: r.Title}
		date := loc.DateString(string(r.Date))
		switch {
		case r.Kind == accord.ReminderValueAwaiting:
		case r.Stage == accord.StageOverdue:
			it.When = fmt.Sprintf(text.Overdue, date)
		case r.Stage == accord.StageDue7:
			it.When = fmt.Sprintf(text.DueSoon, date)
		default:
			it.When = fmt.Sprintf(text.Expires, date, r.Stage)
		}
		if r.Source != "" {
			it.From = fmt.Sprintf(text.Source, r.Source)
		}
		page.Sections[i].Items = append(page.Sections[i].Items, it)
	}
	var plain, html bytes.Buffer
	if err := plainTemplate.Execute(&plain, page); err != nil {
		return accordmail.Message{}, err
	}
	if err := htmlTemplate.Execute(&html, page); err != nil {
		return accordmail.Message{}, err
	}
	to := (&mail.Address{Name: d.To.Name, Address: d.To.Email}).String()
	return accordmail.Message{To: to, Subject: fmt.Sprintf(text.Subject, loc.DateString(string(d.Day))),
		Text: plain.String(), HTML: html.String()}, nil
}

// plainTemplate is the text body; "-- " opens the signature block.
var plainTemplate = texttemplate.Must(texttemplate.New("digest.txt").Parse(`{{.Greeting}}

{{.Intro}}
{{range .Sections}}
{{.Heading}}
{{range .Items}}
- {{.Title}}
  {{.When}}{{if .From}}
  {{.From}}{{end}}
{{end}}{{end}}
-- 
{{.Footer}}
`))

// htmlTemplate is the HTML alternative; titles are escaped.
var htmlTemplate = template.Must(template.New("digest.html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}"><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; line-height: 1.5">
<p>{{.Greeting}}</p>
<p>{{.Intro}}</p>
{{range .Sections}}<h2 style="font-size: 1.1em">{{.Heading}}</h2>
<ul>{{range .Items}}
<li><strong>{{.Title}}</strong><br>{{.When}}{{if .From}}<br>{{.From}}{{end}}</li>{{end}}
</ul>
{{end}}<p style="color: #555; font-size: 0.9em">{{.Footer}}</p>
</body></html>
`))
