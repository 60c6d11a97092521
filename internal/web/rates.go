package web

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

type ratesPage struct {
	Page
	Rates    []accord.ExchangeRate
	Currency string
	Problems []rateProblem // the bad lines of a file, none of which was saved
	Errors   map[string]string
}

// rateProblem is a bad line of an uploaded file.
type rateProblem struct {
	Line    int // 0 when the problem is the whole file's
	Message string
}

func (s *Server) rateList(w http.ResponseWriter, r *http.Request) error {
	return s.ratesPage(w, r, http.StatusOK, nil, nil)
}

func (s *Server) ratesPage(w http.ResponseWriter, r *http.Request, status int, problems []rateProblem, errs map[string]string) error {
	p := ratesPage{Page: s.page(w, r, "money.rates", "rates"), Currency: strings.ToUpper(r.URL.Query().Get("currency")), Problems: problems, Errors: errs}
	var err error
	if p.Rates, err = s.Store.ListRates(r.Context(), p.Currency, 200); err != nil {
		return err
	}
	return s.render(w, status, "rates", p)
}

// rateImport reads exchange rates from an uploaded CSV file. Either every
// line is good and all are saved, or nothing is saved and every bad line is
// listed with its number.
func (s *Server) rateImport(w http.ResponseWriter, r *http.Request) error {
	if _, err := accord.RequireWriter(r.Context()); err != nil {
		return err
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		return s.ratesPage(w, r, http.StatusBadRequest, nil, map[string]string{"file": webkit.Language(r).T("money.rates_choose")})
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, webkit.MaxUploadBytes+1))
	if err != nil {
		return err
	}
	codes, err := s.Store.Codes(r.Context(), accord.ListCurrencies)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, c := range codes {
		known[c.Code] = true
	}
	rates, bad := accord.ParseRates(bytes.NewReader(data), func(code string) bool { return known[code] })
	if len(bad) > 0 {
		problems := make([]rateProblem, len(bad))
		for i, b := range bad {
			n, _ := strconv.Atoi(strings.TrimPrefix(b.Field, "line "))
			problems[i] = rateProblem{Line: n, Message: b.Message}
		}
		return s.ratesPage(w, r, http.StatusBadRequest, problems, nil)
	}
	if err := s.Store.SetRates(r.Context(), rates); err != nil {
		return err
	}
	return redirect(w, r, "/app/rates", "money.rates_saved")
}
