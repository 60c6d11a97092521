package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/internal/accord"
)

// BulkWriter loads many records at once: the synthetic organization of
// "accord demo --scale" and the benchmarks built on it. Speed comes from one
// big transaction, multi-row INSERTs from prepared statements, and IDs
// assigned here instead of read back row by row. Each record is written as
// its Create method would write it, with the same folded search text (the
// FTS triggers of SQLite and the generated tsvector columns of PostgreSQL
// index it as usual), but without the reference checks, whose codes the
// caller takes from the database, and without audit entries: generated rows
// are nobody's change, and hundreds of thousands of "create" entries would
// bury the real ones.
//
// Records are written in the order of the calls; a record may refer only to
// records written before it. Commit ends the load; until then nothing is
// visible to other connections, and Rollback leaves the database as it was.
type BulkWriter struct {
	db  *DB
	ctx context.Context
	now time.Time
	tx  *sql.Tx

	stmts   map[string]*sql.Stmt // multi-row INSERTs, by table and number of rows
	nextID  map[string]int64
	written []string // tables written, in order
	restore []string // SQLite pragmas to run after the load
	gin     []string // PostgreSQL full-text indexes whose entries wait in pending lists

	// Names of what was written, for the search texts of later records.
	orgs        map[int64]bulkOrg
	people      map[int64]string
	users       map[int64]string
	engagements map[int64]string
	agreements  map[int64]string
	plans       map[int64]string
	groups      map[string]int64
}

type bulkOrg struct{ en, fr, ar, acronym string }

// bulkRows is how many rows one INSERT statement carries.
const bulkRows = 500

// NewBulkWriter starts a bulk load, with the database set up for it
// (the dialect's beginBulk).
func (db *DB) NewBulkWriter(ctx context.Context) (*BulkWriter, error) {
	b := &BulkWriter{db: db, ctx: ctx, now: db.Now().UTC().Truncate(time.Microsecond),
		stmts: map[string]*sql.Stmt{}, nextID: map[string]int64{},
		orgs: map[int64]bulkOrg{}, people: map[int64]string{}, users: map[int64]string{}, engagements: map[int64]string{},
		agreements: map[int64]string{}, plans: map[int64]string{}, groups: map[string]int64{}}
	if err := db.dialect.beginBulk(b); err != nil {
		b.Rollback()
		return nil, err
	}
	rows, err := b.tx.QueryContext(ctx, `SELECT id, code FROM country_groups`)
	if err != nil {
		b.Rollback()
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			b.Rollback()
			return nil, err
		}
		b.groups[code] = id
	}
	if err := rows.Err(); err != nil {
		b.Rollback()
		return nil, err
	}
	return b, nil
}

// begin begins the load's transaction.
func (b *BulkWriter) begin() error {
	tx, err := b.db.write.BeginTx(b.ctx, nil)
	b.tx = tx
	return err
}

// Commit ends the load, then lets the dialect follow it up (endBulk: on
// PostgreSQL the ID sequences and statistics, on SQLite a checkpoint).
func (b *BulkWriter) Commit() error {
	if b.tx == nil {
		return fmt.Errorf("bulk load already ended")
	}
	b.closeStmts()
	if err := b.mergeGIN(); err != nil {
		b.Rollback()
		return err
	}
	err := b.tx.Commit()
	b.tx = nil
	defer b.restorePragmas()
	if err != nil {
		return storageError(err)
	}
	return b.db.dialect.endBulk(b)
}

// deferGIN lets PostgreSQL's full-text indexes collect new entries in their
// pending lists during the load (they are created with fastupdate off, so
// that searches never scan a long pending list) and mergeGIN folds them in
// at the end. Inserting row by row into a GIN index was most of the time of
// a load. Both run in the load's transaction: a rollback restores the indexes.
func (b *BulkWriter) deferGIN() error {
	rows, err := b.tx.QueryContext(b.ctx, `SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'i' AND c.reloptions @> ARRAY['fastupdate=off']`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		b.gin = append(b.gin, name)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range b.gin {
		if _, err := b.tx.ExecContext(b.ctx, `ALTER INDEX `+name+` SET (fastupdate = on)`); err != nil {
			return err
		}
	}
	_, err = b.tx.ExecContext(b.ctx, `SET LOCAL gin_pending_list_limit = '64MB'`)
	return err
}

func (b *BulkWriter) mergeGIN() error {
	for _, name := range b.gin {
		if _, err := b.tx.ExecContext(b.ctx, `SELECT gin_clean_pending_list($1::regclass)`, name); err != nil {
			return err
		}
		if _, err := b.tx.ExecContext(b.ctx, `ALTER INDEX `+name+` SET (fastupdate = off)`); err != nil {
			return err
		}
	}
	return nil
}

// Rollback abandons the load; after Commit it does nothing.
func (b *BulkWriter) Rollback() {
	if b.tx != nil {
		b.closeStmts()
		_ = b.tx.Rollback()
		b.tx = nil
	}
	b.restorePragmas() // also when the load failed to begin
}

func (b *BulkWriter) closeStmts() {
	for k, s := range b.stmts {
		s.Close()
		delete(b.stmts, k)
	}
}

func (b *BulkWriter) restorePragmas() {
	for _, p := range b.restore {
		_, _ = b.db.write.ExecContext(context.WithoutCancel(b.ctx), p)
	}
	b.restore = nil
}

// ids reserves n IDs of table and returns the first.
func (b *BulkWriter) ids(table string, n int) (int64, error) {
	next, ok := b.nextID[table]
	if !ok {
		var max sql.NullInt64
		if err := b.tx.QueryRowContext(b.ctx, `SELECT MAX(id) FROM `+table).Scan(&max); err != nil {
			return 0, err
		}
		next = max.Int64 + 1
	}
	b.nextID[table] = next + int64(n)
	return next, nil
}

// insert writes rows of len(cols) values each, flat in args, in multi-row
// statements of 100, 10 and 1 rows, each prepared once: preparing a
// statement of odd size for every remainder cost more than the inserts.
func (b *BulkWriter) insert(table, cols string, args []any) error {
	if len(args) == 0 {
		return nil
	}
	if b.tx == nil {
		return fmt.Errorf("bulk load already ended")
	}
	n := strings.Count(cols, ",") + 1
	if len(args)%n != 0 {
		return fmt.Errorf("bulk insert into %s: %d values for %d columns", table, len(args), n)
	}
	if !slices.Contains(b.written, table) {
		b.written = append(b.written, table)
	}
	for _, rows := range []int{bulkRows, 50, 5, 1} {
		for len(args) >= rows*n {
			key := table + "/" + strconv.Itoa(rows)
			stmt, ok := b.stmts[key]
			if !ok {
				var err error
				if stmt, err = b.tx.PrepareContext(b.ctx, b.db.q(multiRowInsertSQL(table, cols, n, rows))); err != nil {
					return fmt.Errorf("bulk insert into %s: %w", table, err)
				}
				b.stmts[key] = stmt
			}
			if _, err := stmt.ExecContext(b.ctx, args[:rows*n]...); err != nil {
				return fmt.Errorf("bulk insert into %s: %w", table, err)
			}
			args = args[rows*n:]
		}
	}
	return nil
}

// insertWithIDs writes rows of t, each with the ID this writer assigned first.
func (b *BulkWriter) insertWithIDs(t sqlTable, args []any) error {
	return b.insert(t.name, t.withID(), args)
}

// insertRows writes rows of t, whose IDs (if any) the database assigns.
func (b *BulkWriter) insertRows(t sqlTable, args []any) error {
	return b.insert(t.name, t.columns, args)
}

// multiRowInsertSQL inserts rows rows of n values into cols of table.
func multiRowInsertSQL(table, cols string, n, rows int) string {
	row := "(" + placeholders(n) + ")"
	return "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
}

// stamps returns a record's creation and update times, now where unset.
func (b *BulkWriter) stamps(created, updated time.Time) (time.Time, time.Time) {
	if created.IsZero() {
		created = b.now
	}
	if updated.IsZero() || updated.Before(created) {
		updated = created
	}
	return created.UTC(), updated.UTC()
}

// lookup returns the name of a record written before: from what this
// writer wrote, else from the database.
func (b *BulkWriter) lookup(cache map[int64]string, kind, query string, id int64) (string, error) {
	if s, ok := cache[id]; ok {
		return s, nil
	}
	var s string
	if err := b.tx.QueryRowContext(b.ctx, b.db.q(query), id).Scan(&s); err != nil {
		return "", fmt.Errorf("%s %d: %w", kind, id, err)
	}
	cache[id] = s
	return s, nil
}

func (b *BulkWriter) org(id int64) (bulkOrg, error) {
	if o, ok := b.orgs[id]; ok {
		return o, nil
	}
	var o bulkOrg
	err := b.tx.QueryRowContext(b.ctx, b.db.q(`SELECT name_en, name_fr, name_ar, acronym FROM organizations WHERE id = ?`), id).Scan(&o.en, &o.fr, &o.ar, &o.acronym)
	if err != nil {
		return o, fmt.Errorf("organization %d: %w", id, err)
	}
	b.orgs[id] = o
	return o, nil
}

// orgNames is Tx.orgNames from memory: every name and the acronym of each
// organization, each once and by ID, as SQLite reads "id IN (…)".
func (b *BulkWriter) orgNames(ids []int64) (string, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	var s strings.Builder
	for _, id := range ids {
		o, err := b.org(id)
		if err != nil {
			return "", err
		}
		orgNameText(&s, o.en, o.fr, o.ar, o.acronym)
	}
	return s.String(), nil
}

// orgLabel is orgLabel for an organization written before.
func (b *BulkWriter) orgLabel(id int64) (string, error) {
	o, err := b.org(id)
	return orgLabel(o.en, o.acronym), err
}

// Organizations writes organizations and sets their IDs. A parent must
// come earlier in the same call or in an earlier one.
func (b *BulkWriter) Organizations(orgs []*accord.Organization) error {
	first, err := b.ids("organizations", len(orgs))
	if err != nil {
		return err
	}
	args := make([]any, 0, len(orgs)*15)
	for i, o := range orgs {
		o.ID = first + int64(i)
		if err := o.Validate(); err != nil {
			return fmt.Errorf("organization %q: %w", o.NameEN, err)
		}
		o.Version = 1
		o.CreatedAt, o.UpdatedAt = b.stamps(o.CreatedAt, o.UpdatedAt)
		b.orgs[o.ID] = bulkOrg{o.NameEN, o.NameFR, o.NameAR, o.Acronym}
		args = organizationRow(append(args, o.ID), o, o.CreatedAt, o.UpdatedAt)
	}
	return b.insertWithIDs(organizationsTable, args)
}

// Users writes users without a password: they cannot sign in until one is
// set (SetPassword). Their IDs are set.
func (b *BulkWriter) Users(users []*accord.User) error {
	first, err := b.ids("users", len(users))
	if err != nil {
		return err
	}
	args := make([]any, 0, len(users)*11)
	for i, u := range users {
		u.ID = first + int64(i)
		if err := u.Validate(); err != nil {
			return fmt.Errorf("user %s: %w", u.Email, err)
		}
		u.Version = 1
		u.CreatedAt, u.UpdatedAt = b.stamps(u.CreatedAt, u.UpdatedAt)
		b.users[u.ID] = u.Name
		args = userRow(append(args, u.ID), u, "", u.CreatedAt, u.UpdatedAt)
	}
	return b.insertWithIDs(usersTable, args)
}

// People writes people with their positions and sets the IDs of both.
func (b *BulkWriter) People(people []*accord.Person) error {
	first, err := b.ids("people", len(people))
	if err != nil {
		return err
	}
	npos := 0
	for _, p := range people {
		npos += len(p.Positions)
	}
	firstPos, err := b.ids("positions", npos)
	if err != nil {
		return err
	}
	args := make([]any, 0, len(people)*11)
	pos := make([]any, 0, npos*7)
	for i, p := range people {
		p.ID = first + int64(i)
		if err := p.Validate(); err != nil {
			return fmt.Errorf("person %q: %w", p.Name, err)
		}
		p.Version = 1
		p.CreatedAt, p.UpdatedAt = b.stamps(p.CreatedAt, p.UpdatedAt)
		b.people[p.ID] = p.Name
		for j := range p.Positions {
			ps := &p.Positions[j]
			ps.ID = firstPos
			firstPos++
			o, err := b.org(ps.OrgID)
			if err != nil {
				return fmt.Errorf("person %q: %w", p.Name, err)
			}
			ps.OrgName = o.en
			pos = positionRow(append(pos, ps.ID), p.ID, ps, j)
		}
		args = personRow(append(args, p.ID), p, p.CreatedAt, p.UpdatedAt)
	}
	if err := b.insertWithIDs(peopleTable, args); err != nil {
		return err
	}
	return b.insertWithIDs(positionsTable, pos)
}
