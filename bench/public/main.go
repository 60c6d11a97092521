// Command public seeds the public site for bench/public.sh: 10,000
// published news items in English (a third also in French and Arabic),
// written in Markdown of a real release's length and shape, and 100,000
// approved comments (200 of them on the newest item), then serves
// them and writes the server's address and the slugs of the items to
// files for wrk. It also prints the page weight of the public home and of
// a news page: the HTML and the style sheet they load, without images.
//
//	go run ./bench/public -serve DIR [-db sqlite|postgres] [-news 10000] [-comments 100000] [-cpuprofile FILE]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/accordhq/accord/bench/internal/benchkit"
	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/app"
)

// A release is built from sentences of the kind such releases hold.
var (
	orgs      = []string{"the Organisation of Islamic Cooperation", "the World Health Organization", "the International Organization for Migration", "the International Committee of the Red Cross", "the Islamic Development Bank", "UNICEF", "the African Union"}
	places    = []string{"Geneva", "Jeddah", "Kabul", "Niamey", "Bamako", "Dakar", "Istanbul", "Cairo", "N'Djamena", "Nouakchott"}
	topics    = []string{"access to COVID-19 vaccines", "medical supplies for rural clinics", "training of health workers", "polio eradication", "maternal and child health", "emergency assistance to displaced families", "international humanitarian law", "water and sanitation"}
	countries = []string{"Afghanistan", "Mali", "Niger", "Chad", "Burkina Faso", "Mauritania", "Senegal", "Sudan", "Yemen", "Somalia"}
	tags      = []string{"health", "vaccines", "sahel", "afghanistan", "training", "humanitarian", "migration", "partnership"}
)

func release(rng *rand.Rand, i int) (title, summary, body string) {
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	a, b, place, topic, country := pick(orgs), pick(orgs), pick(places), pick(topics), pick(countries)
	title = fmt.Sprintf("Cooperation on %s in %s (%d)", topic, country, i)
	summary = fmt.Sprintf("Senior officials of %s and %s met in %s to advance %s.", a, b, place, topic)
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s met **%s** in %s on the sidelines of the annual session.\n\n", capitalize(a), b, place)
	for range 4 + rng.IntN(4) {
		fmt.Fprintf(&sb, "The two sides discussed %s in %s, and agreed to draft a memorandum of understanding and a plan of action. "+
			"They reviewed the resources mobilized so far, including %d,000 vaccine doses and %d medical kits, and the trainings held for %d health workers. ",
			pick(topics), pick(countries), 10+rng.IntN(500), 100+rng.IntN(2000), 50+rng.IntN(900))
		fmt.Fprintf(&sb, "They welcomed the [report](https://example.org/reports/%d) of the joint mission and agreed to meet again in %s.\n\n", rng.IntN(1000), pick(places))
	}
	sb.WriteString("- Joint seminar on " + pick(topics) + "\n- Technical assistance for " + pick(countries) + "\n- Follow-up meeting within three months\n")
	return title, summary, sb.String()
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func main() {
	dbKind := flag.String("db", "sqlite", "sqlite or postgres (database accord_bench5 at 127.0.0.1, dropped and created anew)")
	n := flag.Int("news", 10000, "published news items")
	nc := flag.Int("comments", 100000, "approved comments: 200 on the newest item, the rest spread over all")
	dir := flag.String("serve", "", "write url.txt and slugs.txt here, then serve until killed")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the first 40 s of serving to this file")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-serve DIR is required")
	}
	dsn := "sqlite:" + filepath.Join(*dir, "public.db")
	if *dbKind == "postgres" {
		dsn = "postgres://postgres@127.0.0.1:5432/accord_bench5?sslmode=disable"
		benchkit.Recreate("accord_bench5")
	}
	ctx := context.Background()
	s, err := app.Start(ctx, app.Config{Addr: "127.0.0.1:0", DB: dsn, LogFormat: "text", LogLevel: "error", SessionTTL: time.Hour},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Shutdown()

	admin := accord.WithActor(ctx, accord.SystemActor)
	rng := rand.New(rand.NewPCG(5, 5))
	start := time.Now()
	published := time.Now().AddDate(0, 0, -*n/10) // about ten a day
	slugs := make([]string, 0, *n)
	for i := range *n {
		title, summary, body := release(rng, i)
		at := published.Add(time.Duration(i) * 144 * time.Minute)
		item := &accord.NewsItem{Slug: accord.Slugify(title), Status: accord.NewsPublished, PublishAt: &at,
			Tags:         []string{tags[rng.IntN(len(tags))], tags[rng.IntN(len(tags))]},
			Translations: []accord.NewsTranslation{{Lang: "en", Title: title, Summary: summary, Body: body}}}
		if i%3 == 0 {
			item.Translations = append(item.Translations,
				accord.NewsTranslation{Lang: "fr", Title: "Coopération " + title, Summary: summary, Body: body},
				accord.NewsTranslation{Lang: "ar", Title: "تعاون " + title, Summary: summary, Body: body})
		}
		if err := s.DB.CreateNews(admin, item); err != nil {
			log.Fatalf("news %d: %v", i, err)
		}
		slugs = append(slugs, item.Slug)
		if (i+1)%1000 == 0 {
			fmt.Fprintf(os.Stderr, "\rseeding news %d/%d", i+1, *n)
		}
	}
	fmt.Fprintln(os.Stderr)
	fmt.Printf("seeded %d news items in %s (%s)\n", *n, time.Since(start).Round(time.Millisecond), s.DB.Dialect())
	start = time.Now()
	seedComments(admin, s, *n, *nc, rng)
	fmt.Printf("seeded %d comments in %s\n", *nc, time.Since(start).Round(time.Millisecond))
	latest := slugs[len(slugs)-1]
	fmt.Printf("page weight (HTML + style sheet, no images): home %s, news page %s\n",
		weight(s.URL, "/en/"), weight(s.URL, "/en/news/"+latest))

	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(*dir, name), []byte(text), 0o600); err != nil {
			log.Fatal(err)
		}
	}
	write("slugs.txt", strings.Join(slugs, "\n")+"\n")
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			log.Fatal(err)
		}
		_ = pprof.StartCPUProfile(f)
		time.AfterFunc(40*time.Second, pprof.StopCPUProfile)
	}
	write("url.txt", s.URL+" "+latest+"\n")
	select {}
}

// seedComments writes nc comments through the public path, from 1,000
// readers: each reader's first comment is approved by a moderator, and
// the rest are then published at once, as the default setting does for
// known commenters. News IDs run from 1 to news, the newest last.
func seedComments(admin context.Context, s *app.Server, news, nc int, rng *rand.Rand) {
	const readers = 1000
	ids := make([]int64, 0, readers)
	for i := range nc {
		newsID := int64(news)
		if i >= 200 {
			newsID = 1 + rng.Int64N(int64(news))
		}
		reader := i % readers
		c := &accord.CommentSubmission{NewsID: newsID, Name: fmt.Sprintf("Reader %d", reader), Email: fmt.Sprintf("reader%d@example.org", reader),
			Text: fmt.Sprintf("Thank you for this news on %s. When will the %s start in %s?", topics[rng.IntN(len(topics))], topics[rng.IntN(len(topics))], countries[rng.IntN(len(countries))]),
			Lang: "en", IP: "192.0.2.1"}
		id, _, err := s.DB.SubmitComment(context.Background(), c)
		if err != nil {
			log.Fatalf("comment %d: %v", i, err)
		}
		if i < readers {
			ids = append(ids, id)
		}
		if i == readers-1 {
			for len(ids) > 0 { // moderators approve at most 500 at once
				k := min(len(ids), 500)
				if _, err := s.DB.ModerateComments(admin, ids[:k], accord.CommentApproved); err != nil {
					log.Fatal(err)
				}
				ids = ids[k:]
			}
		}
		if (i+1)%5000 == 0 {
			fmt.Fprintf(os.Stderr, "\rseeding comments %d/%d", i+1, nc)
		}
	}
	fmt.Fprintln(os.Stderr)
}

var stylesheet = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)

// weight is the size of a page's HTML and of the style sheets it links.
func weight(base, path string) string {
	html := get(base + path)
	total := len(html)
	for _, m := range stylesheet.FindAllStringSubmatch(html, -1) {
		total += len(get(base + m[1]))
	}
	return fmt.Sprintf("%.1f KB (%.1f KB of HTML)", float64(total)/1024, float64(len(html))/1024)
}

func get(u string) string {
	res, err := http.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		log.Fatalf("GET %s: %d %v", u, res.StatusCode, err)
	}
	return string(b)
}
