package web

import (
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/download"
	"github.com/accordhq/accord/internal/web/webkit"
)

// upload attaches a file to an engagement or agreement: POST /app/{kind}/{id}/documents.
func (s *Server) upload(entity, base string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := webkit.PathID(r)
		if err != nil {
			return err
		}
		file, header, err := r.FormFile("file")
		if err != nil {
			return accord.Errorf(accord.EINVALID, "Choose a file to upload.")
		}
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, webkit.MaxUploadBytes+1))
		if err != nil {
			return err
		}
		if len(data) > webkit.MaxUploadBytes {
			return accord.Errorf(accord.EINVALID, "The file is too large (the limit is 10 MiB).")
		}
		name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
		kind, err := webkit.Sniff(name, data)
		if err != nil {
			return err
		}
		a := &accord.Attachment{Entity: entity, EntityID: id, Filename: accord.SafeFilename(name, kind), ContentType: kind}
		if err := s.Store.Attach(r.Context(), a, data); err != nil {
			return err
		}
		return redirect(w, r, base+strconv.FormatInt(id, 10)+"#documents", "common.saved")
	}
}

// download sends a document to a user who may see its record, as an attachment.
func (s *Server) download(w http.ResponseWriter, r *http.Request) error {
	id, err := webkit.PathID(r)
	if err != nil {
		return err
	}
	a, data, err := s.Store.Document(r.Context(), id)
	if err != nil {
		return err
	}
	download.Attachment(w, a, data) // never shown inline on our origin, nor kept by caches
	return nil
}
