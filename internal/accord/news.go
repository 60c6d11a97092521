package accord

import (
	"context"
	"slices"
	"strings"
	"time"
)

// News statuses. A scheduled item becomes public when its PublishAt
// passes; nothing needs to run at that moment, readers compare it with the clock.
const (
	NewsDraft     = "draft"
	NewsScheduled = "scheduled"
	NewsPublished = "published"
)

// NewsStatuses lists the statuses of a news item.
var NewsStatuses = []string{NewsDraft, NewsScheduled, NewsPublished}

// NewsLinkKinds are the records a news item may report.
var NewsLinkKinds = []string{"engagement", "agreement", "activity"}

// NewsItem is a public release about the organization's cooperation,
// written in Markdown in one or more of Accord's languages.
type NewsItem struct {
	ID           int64             `json:"id"`
	Version      int               `json:"version"`
	Slug         string            `json:"slug"`
	Status       string            `json:"status"`
	PublishAt    *time.Time        `json:"publish_at"` // when it is (or was) public; none for drafts
	Tags         []string          `json:"tags"`
	ImageID      *int64            `json:"image_id"` // the lead image, an attachment of entity "news"
	Translations []NewsTranslation `json:"translations"`
	Links        []NewsLink        `json:"links"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

// NewsTranslation is the text of a news item in one language.
type NewsTranslation struct {
	Lang     string `json:"lang"`
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	Body     string `json:"body"` // Markdown
	ImageAlt string `json:"image_alt"`
}

// NewsLink ties a news item to a record it reports.
type NewsLink struct {
	Entity   string `json:"entity"` // engagement, agreement, activity
	EntityID int64  `json:"entity_id"`
	Title    string `json:"title,omitempty"` // filled on read
}

// slugOK reports whether s is a slug: lower-case ASCII letters and digits
// in words joined by single hyphens.
func slugOK(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Slugify makes a slug from a title, keeping ASCII letters and digits.
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// Validate checks a news item's own rules; links are checked by the store.
func (n *NewsItem) Validate() error {
	var p Problems
	n.Slug = strings.ToLower(strings.TrimSpace(n.Slug))
	switch {
	case n.Slug == "":
		p.Add("slug", "is required")
	case len(n.Slug) > 100:
		p.Add("slug", "is too long (%d characters; at most %d)", len(n.Slug), 100)
	case !slugOK(n.Slug):
		p.Add("slug", "may hold only lower-case letters a-z, digits and single hyphens between words")
	}
	if !slices.Contains(NewsStatuses, n.Status) {
		p.Add("status", "must be one of %s", strings.Join(NewsStatuses, ", "))
	}
	switch n.Status {
	case NewsDraft:
		n.PublishAt = nil
	case NewsScheduled:
		if n.PublishAt == nil {
			p.Add("publish_at", "is required to schedule an item")
		}
	}
	if n.PublishAt != nil {
		t := n.PublishAt.UTC().Truncate(time.Second)
		n.PublishAt = &t
	}
	tags := []string{}
	for _, t := range n.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	n.Tags = tags
	if len(n.Tags) > 20 {
		p.Add("tags", "at most 20 tags")
	}
	for i, t := range n.Tags {
		checkText(&p, indexed("tags", i, ""), t, true, 60)
	}
	n.validateTranslations(&p)
	links := []NewsLink{}
	for i, l := range n.Links {
		switch {
		case !slices.Contains(NewsLinkKinds, l.Entity):
			p.Add(indexed("links", i, "entity"), "must be one of %s", strings.Join(NewsLinkKinds, ", "))
		case l.EntityID <= 0:
			p.Add(indexed("links", i, "entity_id"), "is required")
		case !slices.ContainsFunc(links, func(x NewsLink) bool { return x.Entity == l.Entity && x.EntityID == l.EntityID }):
			links = append(links, NewsLink{Entity: l.Entity, EntityID: l.EntityID})
		}
	}
	if len(p) == 0 {
		n.Links = links
	}
	return p.Err()
}

// validateTranslations keeps one text per language, in Accord's order, and
// drops languages left wholly empty.
func (n *NewsItem) validateTranslations(p *Problems) {
	byLang := map[string]NewsTranslation{}
	for _, t := range n.Translations {
		t.Title, t.Summary, t.ImageAlt = strings.TrimSpace(t.Title), strings.TrimSpace(t.Summary), strings.TrimSpace(t.ImageAlt)
		t.Body = strings.TrimRight(t.Body, " \t\r\n")
		if !SupportedLanguage(t.Lang) {
			p.Add("translations", "language %q is not one of en, fr, ar", t.Lang)
			continue
		}
		if _, dup := byLang[t.Lang]; dup {
			p.Add("translations", "language %q is given twice", t.Lang)
			continue
		}
		if t.Title == "" && t.Summary == "" && t.Body == "" && t.ImageAlt == "" {
			continue
		}
		byLang[t.Lang] = t
	}
	n.Translations = []NewsTranslation{}
	for _, lang := range Languages {
		t, ok := byLang[lang]
		if !ok {
			continue
		}
		checkText(p, "title_"+lang, t.Title, true, 300)
		checkText(p, "summary_"+lang, t.Summary, false, 1000)
		checkText(p, "body_"+lang, t.Body, false, 100000)
		checkText(p, "image_alt_"+lang, t.ImageAlt, false, 300)
		n.Translations = append(n.Translations, t)
	}
	if len(n.Translations) == 0 {
		p.Add("title_en", "a news item needs a title in at least one language")
	}
}

// Settle dates an item published now and refuses a publication dated in
// the future, which is what scheduling is for. Call it after Validate.
func (n *NewsItem) Settle(now time.Time) error {
	if n.Status != NewsPublished {
		return nil
	}
	if n.PublishAt == nil {
		t := now.UTC().Truncate(time.Second)
		n.PublishAt = &t
	} else if n.PublishAt.After(now) {
		var p Problems
		p.Add("publish_at", "is in the future; schedule the item to publish it then")
		return p.Err()
	}
	return nil
}

// Public reports whether the item is public at now.
func (n *NewsItem) Public(now time.Time) bool {
	return n.Status != NewsDraft && n.PublishAt != nil && !n.PublishAt.After(now)
}

// StatusAt is the status a reader sees at now: a scheduled item whose time
// has come is published.
func (n *NewsItem) StatusAt(now time.Time) string {
	if n.Status == NewsScheduled && n.Public(now) {
		return NewsPublished
	}
	return n.Status
}

// In returns the text in lang and whether the item exists in it.
func (n *NewsItem) In(lang string) (NewsTranslation, bool) {
	for _, t := range n.Translations {
		if t.Lang == lang {
			return t, true
		}
	}
	return NewsTranslation{}, false
}

// Best returns the text in lang, else in the first language the item has.
func (n *NewsItem) Best(lang string) NewsTranslation {
	if t, ok := n.In(lang); ok {
		return t
	}
	if len(n.Translations) > 0 {
		return n.Translations[0]
	}
	return NewsTranslation{}
}

// Langs lists the languages the item exists in.
func (n *NewsItem) Langs() []string {
	out := make([]string, len(n.Translations))
	for i, t := range n.Translations {
		out[i] = t.Lang
	}
	return out
}

// NewsFilter narrows a list of news items.
type NewsFilter struct {
	Q         string
	Status    string // draft, scheduled or published (as seen at the time of the query)
	Tag       string
	Lang      string // only items written in this language
	OrgID     int64  // only items reporting records an organization (or one under it) took part in
	Entity    string // with EntityID: only items reporting this record
	EntityID  int64
	Page      int
	PerPage   int
	Unlimited bool
}

// NewsImage is a lead image with its content, for serving.
type NewsImage struct {
	Attachment
	Data []byte
}

// NewsService stores news items. Staff read every item; the public reads
// (the Public methods, which need no actor) see only what is public now,
// by the service's own clock.
type NewsService interface {
	ListNews(ctx context.Context, f NewsFilter) ([]*NewsItem, int, error)
	GetNews(ctx context.Context, id int64) (*NewsItem, error)
	CreateNews(ctx context.Context, n *NewsItem) error
	UpdateNews(ctx context.Context, n *NewsItem) error
	DeleteNews(ctx context.Context, id int64, version int) error
	// SetNewsImage stores an image and makes it the item's lead image.
	SetNewsImage(ctx context.Context, id int64, version int, a *Attachment, data []byte) error
	// NewsImage returns an image of any item to staff (partners: of public items).
	NewsImage(ctx context.Context, attachmentID int64) (*NewsImage, error)

	ListPublicNews(ctx context.Context, f NewsFilter) ([]*NewsItem, int, error)
	PublicNewsBySlug(ctx context.Context, slug string) (*NewsItem, error)
	// PublicNewsImage returns a lead image of a public item.
	PublicNewsImage(ctx context.Context, attachmentID int64) (*NewsImage, error)
	// NewsTags lists the tags of public items, most used first.
	NewsTags(ctx context.Context, limit int) ([]string, error)
}

// CanEditNews reports whether the actor writes news: editors and administrators.
func (a Actor) CanEditNews() bool { return a.Role == RoleAdmin || a.Role == RoleEditor }

// IsStaff reports whether the actor belongs to the organization's staff (not a partner).
func (a Actor) IsStaff() bool { return a.Role != RolePartner && a.Role.Valid() }

// RequireNewsEditor returns the actor of ctx if it writes news, else an error.
func RequireNewsEditor(ctx context.Context) (Actor, error) {
	a, err := RequireActor(ctx)
	if err == nil && !a.CanEditNews() {
		err = Errorf(EFORBIDDEN, "Only editors and administrators write news (your role is %s).", a.Role)
	}
	return a, err
}
