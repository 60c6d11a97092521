package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/web/webkit"
)

// indicatorCreate adds an indicator from the activity's page.
func (s *Server) indicatorCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	i := &accord.Indicator{ActivityID: id, Name: r.PostFormValue("name"), Unit: r.PostFormValue("unit")}
	var p accord.Problems
	i.Baseline = formNumber(r, "baseline", &p)
	i.Target = formNumber(r, "target", &p)
	err = p.Err()
	if err == nil {
		err = s.Store.CreateIndicator(r.Context(), i)
	}
	if err != nil {
		return s.activityRefused(w, r, id, err)
	}
	return redirect(w, r, "/app/activities/"+strconv.FormatInt(id, 10)+"#indicators", "common.created")
}

// valueRecord records or corrects a period's value of an indicator.
func (s *Server) valueRecord(w http.ResponseWriter, r *http.Request) error {
	activity, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	var p accord.Problems
	v := &accord.IndicatorValue{Period: r.PostFormValue("period"), Value: formNumber(r, "value", &p)}
	if id := formID(r, "indicator_id", &p); id != nil {
		v.IndicatorID = *id
	}
	err = p.Err()
	if err == nil {
		err = s.Store.RecordValue(r.Context(), v)
	}
	if err != nil {
		return s.activityRefused(w, r, activity, err)
	}
	return redirect(w, r, "/app/activities/"+strconv.FormatInt(activity, 10)+"#indicators", "common.saved")
}

// valueMove submits, approves or returns a value.
func (s *Server) valueMove(w http.ResponseWriter, r *http.Request) error {
	activity, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	valueID, ok := accord.ParseID(r.PathValue("value"))
	if !ok {
		return accord.Errorf(accord.ENOTFOUND, "No such value.")
	}
	version, err := formVersion(r)
	if err != nil {
		return err
	}
	if _, err := s.Store.MoveValue(r.Context(), valueID, version, r.PostFormValue("status"), r.PostFormValue("comment")); err != nil {
		return s.activityRefused(w, r, activity, err)
	}
	next := r.PostFormValue("next")
	if next == "" {
		next = "/app/activities/" + strconv.FormatInt(activity, 10) + "#indicators"
	}
	return redirect(w, r, safeNext(next), "common.saved")
}

// activityRefused shows the activity again with why a change was refused.
func (s *Server) activityRefused(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	return s.refused(r, err, func(errs map[string]string) error {
		errs = s.conflictMessage(r, err, "form.conflict_status", errs)
		return s.activityPage(w, r, refusalStatus(err), id, errs)
	})
}

func formNumber(r *http.Request, field string, p *accord.Problems) float64 {
	v := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(field)), ",", "")
	if v == "" {
		return 0
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		p.Add(field, "must be a number such as 120000")
	}
	return n
}
