package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/pgcluster"
)

// verify checks, on the primary, what the runs left behind, prints one line
// per check and reports whether all held. failedAfterKill is -1 when no
// instance was killed.
func verify(ctx context.Context, c *cluster, runs []*loadResult, failedAfterKill int) bool {
	db, err := sql.Open("pgx", c.dsn)
	if err != nil {
		fmt.Println("FAIL open the database:", err)
		return false
	}
	defer db.Close()
	ids := map[string][]int64{}
	rows, err := db.QueryContext(ctx, `SELECT id, name_en FROM organizations WHERE name_en LIKE 'Cluster %'`)
	if err != nil {
		fmt.Println("FAIL read the organizations:", err)
		return false
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			fmt.Println("FAIL", err)
			return false
		}
		ids[name] = append(ids[name], id)
	}
	rows.Close()
	audited := map[int64]bool{}
	rows, err = db.QueryContext(ctx, `SELECT entity_id FROM audit_log WHERE entity = 'organization' AND action = 'create'`)
	if err != nil {
		fmt.Println("FAIL read the audit log:", err)
		return false
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			fmt.Println("FAIL", err)
			return false
		}
		audited[id] = true
	}
	rows.Close()

	var acked, lost, attempted, unacked int
	for _, r := range runs {
		attempted += len(r.attempted)
		seen := map[string]bool{}
		for _, a := range r.acked {
			acked++
			seen[a.Name] = true
			if !slices.Contains(ids[a.Name], a.ID) {
				lost++
			}
		}
		for _, name := range r.attempted {
			if !seen[name] && len(ids[name]) > 0 {
				unacked++ // committed, but the answer never reached the client
			}
		}
	}
	var dup, unaudited int
	for _, got := range ids {
		if len(got) > 1 {
			dup++
		}
		for _, id := range got {
			if !audited[id] {
				unaudited++
			}
		}
	}
	mails := c.sink.Messages()
	twice := 0
	seenMail := map[string]bool{}
	for _, m := range mails {
		k := strings.Join(m.To, ",") + "\x00" + m.Subject
		if seenMail[k] {
			twice++
		}
		seenMail[k] = true
	}
	var failed, answerLost, lostNotOnce int
	for _, r := range runs {
		for _, o := range r.ops {
			if !o.ok && !o.lost {
				failed++
			}
		}
		for _, name := range r.lost {
			answerLost++
			if len(ids[name]) != 1 {
				lostNotOnce++
			}
		}
	}

	ok := true
	line := func(pass bool, format string, args ...any) {
		mark := "ok  "
		if !pass {
			mark, ok = "FAIL", false
		}
		fmt.Printf("%s %s\n", mark, fmt.Sprintf(format, args...))
	}
	line(lost == 0, "acknowledged writes: %d of %d sent; lost: %d (committed without an answer: %d)", acked, attempted, lost, unacked)
	line(dup == 0, "organizations created twice: %d", dup)
	line(lostNotOnce == 0, "writes whose answer died with their instance (retries: 409, key still claimed): %d; not applied exactly once: %d", answerLost, lostNotOnce)
	line(unaudited == 0, "created organizations without their audit entry: %d", unaudited)
	line(len(mails) > 0 && twice == 0, "emails sent: %d (reminders and notices); sent twice: %d", len(mails), twice)
	if failedAfterKill >= 0 {
		line(failedAfterKill == 0, "operations after the kill that failed after their retries: %d", failedAfterKill)
	}
	total := 0
	for _, got := range ids {
		total += len(got)
	}
	onReplica, err := replicaCount(ctx, c)
	if err != nil {
		line(false, "organizations on the streaming replica: %v", err)
	} else {
		line(onReplica == total, "organizations on the streaming replica, once replayed: %d of %d", onReplica, total)
	}
	line(failed == 0, "operations that failed after their retries, in all runs: %d", failed)
	for _, r := range runs {
		for _, f := range r.failures {
			fmt.Println("     e.g.", f)
		}
	}
	return ok
}

// replicaCount counts the load's organizations on the replica once it has
// replayed all the primary wrote.
func replicaCount(ctx context.Context, c *cluster) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := pgcluster.WaitReplayed(ctx, c.primary, c.replica); err != nil {
		return 0, err
	}
	db, err := sql.Open("pgx", c.readDSN)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM organizations WHERE name_en LIKE 'Cluster %'`).Scan(&n)
	return n, err
}
