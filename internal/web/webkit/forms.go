package webkit

import (
	"net/http"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/i18n"
)

// FormErrors turns a validation error into messages per field, translated
// where the catalog knows them. Other errors are returned as they are.
func FormErrors(l *i18n.Locale, err error) (map[string]string, error) {
	code := accord.ErrorCode(err)
	if code != accord.EINVALID && code != accord.ECONFLICT {
		return nil, err
	}
	out := map[string]string{}
	for _, f := range accord.ErrorFields(err) {
		msg := f.Message
		if l.Has("msg:" + msg) {
			msg = l.T("msg:" + msg)
		}
		if out[f.Field] != "" {
			msg = out[f.Field] + "; " + msg
		}
		out[f.Field] = msg
	}
	if len(out) == 0 {
		out[""] = accord.ErrorMessage(err)
	}
	return out, nil
}

// PathID reads the {id} of the path.
func PathID(r *http.Request) (int64, error) {
	id, ok := accord.ParseID(r.PathValue("id"))
	if !ok {
		return 0, accord.Errorf(accord.ENOTFOUND, "%q is not a record number.", r.PathValue("id"))
	}
	return id, nil
}

// PageNumber reads ?page=, defaulting to 1.
func PageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// Pager describes the position in a paged list.
type Pager struct {
	Page, Pages, Total int
}

// NewPager is the position at page of a list of total items, perPage a page.
func NewPager(page, perPage, total int) Pager {
	pages := (total + perPage - 1) / perPage
	if pages < 1 {
		pages = 1
	}
	return Pager{Page: page, Pages: pages, Total: total}
}
