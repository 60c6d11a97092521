package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// Indicators measure an activity: each has one value per reporting period.
// A value is recorded as a draft (POST …/indicators/{id}/values, which also
// corrects a draft or returned value), then submitted, and approved or
// returned by an editor or administrator (POST …/indicator-values/{id}/transition).

func (a *API) listIndicators(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := parseQuery(r); err != nil {
		return err
	}
	items, err := a.store.Indicators(r.Context(), id)
	if err != nil {
		return err
	}
	for _, i := range items {
		indicatorOut(i)
	}
	return writeList(w, items, len(items))
}

// createIndicator adds an indicator to the activity of the path. Values are
// recorded afterwards, one period at a time: values in the body are refused.
func (a *API) createIndicator(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var i accord.Indicator
	if err := decodeBody(w, r, &i); err != nil {
		return err
	}
	if i.ActivityID != 0 && i.ActivityID != id {
		return invalid("activity_id", fmt.Sprintf("is %d in the body but %d in the path", i.ActivityID, id))
	}
	if len(i.Values) > 0 {
		return invalid("values", "are recorded one period at a time, by POST /api/v1/indicators/{id}/values once the indicator exists")
	}
	i.ID, i.ActivityID, i.Values = 0, id, nil
	if err := a.store.CreateIndicator(r.Context(), &i); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, indicatorOut(&i))
}

// valueBody records an indicator's value for one period.
type valueBody struct {
	Period  string   `json:"period"`
	Value   *float64 `json:"value"`
	Version int      `json:"version"` // of the value being corrected; optional
}

// recordValue creates the period's value as a draft (201) or corrects a
// draft or returned one (200). The version is optional: when given, by
// If-Match or in the body, it must be the value's current one (412 or 409).
func (a *API) recordValue(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b valueBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	if b.Value == nil {
		return invalid("value", "is required")
	}
	if b.Version < 0 {
		return invalid("version", "must be a positive integer")
	}
	pre := precondition{version: b.Version}
	if v, ok, err := ifMatch(r); err != nil {
		return err
	} else if ok {
		pre = precondition{version: v, header: true}
	}
	v := accord.IndicatorValue{IndicatorID: id, Period: b.Period, Value: *b.Value, Version: pre.version}
	if err := a.store.RecordValue(r.Context(), &v); err != nil {
		return pre.staleValue(err)
	}
	status := http.StatusOK
	if v.Version == 1 { // a correction raises the version to 2 at least
		status = http.StatusCreated
	}
	return writeRecord(w, status, v.Version, &v)
}

// valueTransitionBody moves an indicator value to another status.
type valueTransitionBody struct {
	Status  string `json:"status"`
	Comment string `json:"comment"` // why the value is returned
	Version int    `json:"version"` // when If-Match is not sent
}

func (a *API) transitionValue(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b valueTransitionBody
	if err := decodeBody(w, r, &b); err != nil {
		return err
	}
	pre, err := preconditionFor(r, b.Version)
	if err != nil {
		return err
	}
	if b.Status == "" {
		return invalid("status", "is required: submitted, approved or returned")
	}
	v, err := a.store.MoveValue(r.Context(), id, pre.version, b.Status, b.Comment)
	if err != nil {
		return pre.staleValue(err)
	}
	return writeRecord(w, http.StatusOK, v.Version, v)
}

// staleValue is stale for indicator values: the service reads no single
// value to compare versions with, and a stale version is the only conflict
// RecordValue and MoveValue report, so any conflict is a 412 when the
// version came from If-Match.
func (p precondition) staleValue(err error) error {
	if !p.header || accord.ErrorCode(err) != accord.ECONFLICT {
		return err
	}
	return &httperr.Error{Status: http.StatusPreconditionFailed, Code: "precondition_failed",
		Message: fmt.Sprintf("If-Match says version %d. %s (GET /api/v1/activities/{id}/indicators lists the values).",
			p.version, strings.TrimSuffix(accord.ErrorMessage(err), "."))}
}

// listIndicatorValues lists the submitted values that await review, oldest
// first, with their indicator and activity. Only status=submitted is
// supported, and required, so that other statuses may be added later without
// changing what this answers. The service returns one page only: per_page is
// its limit, and there is no page parameter.
func (a *API) listIndicatorValues(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r, "status", "per_page")
	if err != nil {
		return err
	}
	status := q.string("status")
	switch status {
	case accord.ValSubmitted:
	case "":
		q.problems.Add("status", "is required: only status=submitted (the values awaiting approval) is supported")
	default:
		q.problems.Add("status", "must be submitted (the values awaiting approval), not %q; other statuses are not supported", status)
	}
	_, perPage := q.page()
	if err := q.err(); err != nil {
		return err
	}
	limit, _ := accord.Page(1, perPage)
	items, total, err := a.store.AwaitingApproval(r.Context(), limit)
	if err != nil {
		return err
	}
	return writeList(w, items, total)
}

// indicatorOut writes absent values as [] rather than null, as reads do.
func indicatorOut(i *accord.Indicator) *accord.Indicator {
	if i.Values == nil {
		i.Values = []accord.IndicatorValue{}
	}
	return i
}
