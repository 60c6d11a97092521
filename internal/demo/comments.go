package demo

import (
	"context"

	"github.com/accordhq/accord/internal/accord"
)

// loadComments adds readers' comments to the OIC–WHO release: a few
// approved (one answered by the organization) and one awaiting moderation,
// as PRODUCT.md's demo asks. The people and their words are illustrative.
func loadComments(ctx context.Context, s Store) error {
	n, err := s.PublicNewsBySlug(ctx, "oic-who-enhance-cooperation-in-health")
	if err != nil {
		return err
	}
	submit := func(name, email, website, text, lang string, parent int64) (int64, error) {
		c := &accord.CommentSubmission{NewsID: n.ID, Name: name, Email: email, Website: website, Text: text, Lang: lang, IP: "192.0.2.10"}
		if parent != 0 {
			c.ParentID = &parent
		}
		id, _, err := s.SubmitComment(ctx, c)
		return id, err
	}
	var approve []int64
	first, err := submit("Aisha Diallo", "aisha.diallo@example.org", "", "Good news for the Sahel. Will the plan of action say which health facilities receive the medical supplies first?", "en", 0)
	if err != nil {
		return err
	}
	approve = append(approve, first)
	second, err := submit("Karim Haddad", "karim.haddad@example.net", "https://example.net/karim", "Training and capacity building are what lasts. I hope the MoU keeps them at its centre.", "en", 0)
	if err != nil {
		return err
	}
	approve = append(approve, second)
	if _, err := s.ModerateComments(ctx, approve, accord.CommentApproved); err != nil {
		return err
	}
	reply, err := submit("Jean Martin", "jean.martin@example.com", "", "Bonne nouvelle. La version française du plan d'action sera-t-elle publiée ?", "fr", second)
	if err != nil {
		return err
	}
	third, err := submit("فاطمة الزهراء", "fatima@example.org", "", "خبر سار. نأمل أن تصل اللقاحات إلى أفغانستان في أقرب وقت.", "ar", 0)
	if err != nil {
		return err
	}
	if _, err := s.ModerateComments(ctx, []int64{reply, third}, accord.CommentApproved); err != nil {
		return err
	}
	if _, err := s.ReplyAsOrganization(ctx, first, "OIC", "Thank you. The plan of action is being drafted with WHO; we will publish it once it is agreed."); err != nil {
		return err
	}
	// One waits for moderation.
	_, err = submit("Samuel Okafor", "samuel.okafor@example.org", "", "Is there a timeline for the new memorandum of understanding?", "en", 0)
	return err
}
