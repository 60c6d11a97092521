package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/extract"
	"github.com/accordhq/accord/internal/intake"
	"github.com/accordhq/accord/internal/web/webkit"
)

// intakePage is the press-release intake: the paste form, or the review of
// a proposal beside its text.
type intakePage struct {
	Page
	Errors    map[string]string
	Text      string // the paste form's text, kept after a refusal
	Published string
	Review    *review
	Kinds     []string
	Countries []*accord.Country
	OrgTypes  []*accord.Code
}

func (p intakePage) fieldErrors() map[string]string { return p.Errors }

// intakeForm shows the paste form: GET /app/intake.
func (s *Server) intakeForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "intake", intakePage{Page: s.page(w, r, "intake.title", "intake")})
}

// intakeRead reads a pasted or uploaded release and shows the proposal
// for review: POST /app/intake/read. A text the extractor refuses comes
// back to the paste form with the reason, in the status its rule has.
func (s *Server) intakeRead(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	published := strings.TrimSpace(r.PostFormValue("published"))
	text, filename, err := releaseText(r)
	if err == nil && published != "" && !accord.Date(published).Valid() {
		err = accord.Errorf(accord.EINVALID, "The publication date must be a date YYYY-MM-DD.")
	}
	var res *extract.Result
	if err == nil {
		var opts extract.Options
		if published != "" {
			opts.Published = accord.Date(published).Time()
		}
		res, err = s.intake.Read(r.Context(), text, opts)
	}
	if err != nil {
		return s.intakeRefused(w, r, err, text, published)
	}
	rv, err := s.proposalReview(r.Context(), res, filename, published)
	if err != nil {
		return err
	}
	rv.Segments = s.highlight(res)
	return s.renderReview(w, r, http.StatusOK, rv, nil)
}

// releaseText is the text of the uploaded file when there is one, else
// the pasted text.
func releaseText(r *http.Request) (text, filename string, err error) {
	file, header, ferr := r.FormFile("file")
	if ferr != nil {
		return r.PostFormValue("text"), "", nil
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, webkit.MaxUploadBytes+1))
	if err != nil {
		return "", "", err
	}
	filename = filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	if len(data) == 0 {
		return "", filename, fmt.Errorf("%w: the file %s is empty", extract.ErrEmpty, filename)
	}
	text, err = intake.TextOf(filename, data)
	return text, filename, err
}

// intakeRefused shows the paste form again with the reason a text was
// not read; the text is kept when it is text at all.
func (s *Server) intakeRefused(w http.ResponseWriter, r *http.Request, err error, text, published string) error {
	status, rule, ok := intake.Refusal(err)
	switch {
	case ok:
	case errors.Is(err, intake.ErrFileType):
		status, rule = http.StatusUnsupportedMediaType, "file_type"
	case accord.ErrorCode(err) == accord.EINVALID:
		status, rule = http.StatusBadRequest, "published"
	default:
		return err
	}
	p := intakePage{Page: s.page(w, r, "intake.title", "intake"), Published: published}
	if len(text) <= extract.MaxInput && utf8.ValidString(text) && !strings.ContainsRune(text, 0) {
		p.Text = text
	}
	msg := p.Locale.T("intake.refused." + rule)
	if rule == "published" {
		p.Errors = map[string]string{"published": msg}
	} else {
		p.Errors = map[string]string{"text": msg + " (" + err.Error() + ")"}
	}
	return s.render(w, status, "intake", p)
}

// highlight cuts the text read at the spans of its items.
func (s *Server) highlight(res *extract.Result) []textRun {
	return segments(res.Text, res.Spans, func(sp extract.Span) string {
		switch sp.Item {
		case "organization":
			return res.Orgs[sp.Index]
		case "person":
			return res.People[sp.Index].Name
		case "commitment":
			return res.Commitments[sp.Index].Kind
		}
		return sp.Item
	})
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, rv *review, errs map[string]string) error {
	countries, err := s.Store.Countries(r.Context())
	if err != nil {
		return err
	}
	types, err := s.Store.Codes(r.Context(), accord.ListOrgTypes)
	if err != nil {
		return err
	}
	p := intakePage{Page: s.page(w, r, "intake.review", "intake"), Review: rv, Errors: errs, Kinds: accord.EngagementKinds,
		Countries: countries, OrgTypes: types}
	return s.render(w, status, "intake_review", p)
}

// intakeConfirm saves the reviewed proposal in one transaction: POST
// /app/intake/confirm. On any problem nothing is saved and the review
// comes back with everything the officer edited and the problem on its row.
func (s *Server) intakeConfirm(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	rv := reviewFromForm(r.PostForm)
	in, rowsOf, problems := rv.intake()
	var err error
	if len(problems) == 0 {
		var res *accord.IntakeResult
		if res, err = s.Store.ConfirmIntake(r.Context(), in); err == nil {
			return redirect(w, r, "/app/engagements/"+strconv.FormatInt(res.EngagementID, 10), "intake.saved")
		}
	} else {
		err = problems.Err()
	}
	return s.refused(r, err, func(errs map[string]string) error {
		errs = onRows(errs, rowsOf)
		if err := s.refreshReview(r, rv); err != nil {
			return err
		}
		status := http.StatusBadRequest
		if accord.ErrorCode(err) == accord.ECONFLICT {
			status = http.StatusConflict
		}
		return s.renderReview(w, r, status, rv, errs)
	})
}

// refreshReview gives a review read back from a form what the form does
// not carry: the highlighted text and the candidates of each row.
func (s *Server) refreshReview(r *http.Request, rv *review) error {
	ctx := r.Context()
	var opts extract.Options
	if accord.Date(rv.Published).Valid() {
		opts.Published = accord.Date(rv.Published).Time()
	}
	if res, err := s.intake.Read(ctx, rv.Text, opts); err == nil {
		rv.Segments, rv.Notes = s.highlight(res), res.Notes
	} else {
		rv.Segments = []textRun{{Text: rv.Text}}
	}
	for i := range rv.Orgs {
		o := &rv.Orgs[i]
		cands, err := s.orgCandidates(ctx, o.Extracted)
		if err != nil {
			return err
		}
		o.Candidates = withOrg(r, s, cands, o.Link)
	}
	for i := range rv.People {
		pp := &rv.People[i]
		cands, err := s.personCandidates(ctx, pp.Extracted)
		if err != nil {
			return err
		}
		pp.Candidates = cands
		if id, ok := accord.ParseID(pp.Link); ok && !hasPerson(cands, id) {
			if p, err := s.Store.GetPerson(ctx, id); err == nil {
				pp.Candidates = append(pp.Candidates, p)
			}
		}
	}
	return nil
}

// withOrg keeps the organization chosen among the candidates even when a
// search by the extracted name would not find it.
func withOrg(r *http.Request, s *Server, cands []*accord.Organization, link string) []*accord.Organization {
	id, ok := accord.ParseID(link)
	if !ok {
		return cands
	}
	for _, c := range cands {
		if c.ID == id {
			return cands
		}
	}
	if o, err := s.Store.GetOrganization(r.Context(), id); err == nil {
		cands = append(cands, o)
	}
	return cands
}

func hasPerson(list []*accord.Person, id int64) bool {
	for _, p := range list {
		if p.ID == id {
			return true
		}
	}
	return false
}
