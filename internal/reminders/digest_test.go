package reminders_test

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/reminders"
)

func TestRenderInTheUsersLanguage(t *testing.T) {
	digest := func(lang string) accord.Digest {
		to := accord.Recipient{UserID: 1, Email: "ada@example.org", Name: "Ada <Admin>", Language: lang}
		return accord.Digest{To: to, Day: "2030-03-02", Reminders: []accord.Reminder{
			{To: to, Kind: accord.ReminderAgreementExpiry, RecordID: 1, Stage: accord.StageExpiry90, Title: "MoU <OIC & WHO>", Date: "2030-05-20"},
			{To: to, Kind: accord.ReminderActionPointDue, RecordID: 2, Stage: accord.StageOverdue, Title: "Send the plan", Source: "Geneva meeting", Date: "2030-03-01"},
		}}
	}
	for _, c := range []struct {
		lang, subject string
		text          []string
	}{
		{"en", "Accord: reminders for 2 March 2030", []string{"Hello Ada <Admin>,", "Agreements expiring", "- MoU <OIC & WHO>",
			"expires on 20 May 2030, within 90 days", "Your action points", "overdue: it was due on 1 March 2030", "agreed at: Geneva meeting"}},
		{"", "Accord: reminders for 2 March 2030", []string{"Hello Ada <Admin>,"}},
		{"de", "Accord: reminders for 2 March 2030", []string{"Hello Ada <Admin>,"}},
		{"fr", "Accord : rappels du 2 mars 2030", []string{"Bonjour Ada <Admin>,", "Accords arrivant à échéance",
			"expire le 20 mai 2030, d’ici 90 jours", "Vos points d’action", "en retard : l’échéance était le 1 mars 2030"}},
		{"ar", "أكورد: تذكيرات", []string{"مرحبًا Ada <Admin>،", "بنود العمل المسندة إليك", "خلال 90 يومًا", "Geneva meeting"}},
	} {
		t.Run("lang="+c.lang, func(t *testing.T) {
			m, err := reminders.Render(digest(c.lang))
			if err != nil {
				t.Fatal(err)
			}
			if m.To != `"Ada <Admin>" <ada@example.org>` {
				t.Errorf("to: %s", m.To)
			}
			if !strings.HasPrefix(m.Subject, c.subject) {
				t.Errorf("subject %q, want %q", m.Subject, c.subject)
			}
			contains(t, "text", m.Text, c.text...)
			// The HTML escapes what titles hold.
			contains(t, "HTML", m.HTML, "MoU &lt;OIC &amp; WHO&gt;", "<li>")
			if strings.Contains(m.HTML, "<OIC") {
				t.Errorf("HTML not escaped:\n%s", m.HTML)
			}
		})
	}
	if m, _ := reminders.Render(digest("ar")); !strings.Contains(m.HTML, `dir="rtl"`) {
		t.Errorf("Arabic HTML is not right-to-left:\n%s", m.HTML)
	}
}
