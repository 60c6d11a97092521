package web

import (
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/download"
)

// uploadTypes are the kinds of file Accord keeps, by the type sniffed from
// their content (never the name). Office documents sniff as zip and are
// accepted only under their own extensions. HTML and scripts are refused.
var uploadTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain; charset=utf-8": true, "application/zip": true,
}

// officeTypes are the documents that sniff as zip, by their exact extension.
var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
}

// sniff decides the stored content type of an upload, or says why it is refused.
func sniff(filename string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", accord.Errorf(accord.EINVALID, "The file is empty.")
	}
	kind := http.DetectContentType(data)
	if !uploadTypes[kind] {
		return "", accord.Errorf(accord.EINVALID, "Files of type %s are not accepted; send a PDF, an image, plain text or an office document.", kind)
	}
	if kind == "application/zip" {
		office, ok := officeTypes[strings.ToLower(filepath.Ext(filename))]
		if !ok {
			return "", accord.Errorf(accord.EINVALID, "A zip file is accepted only as an office document (.docx, .xlsx, .pptx, .odt, .ods).")
		}
		kind = office
	}
	return kind, nil
}

// upload attaches a file to an engagement or agreement: POST /app/{kind}/{id}/documents.
func (s *Server) upload(entity, base string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		file, header, err := r.FormFile("file")
		if err != nil {
			return accord.Errorf(accord.EINVALID, "Choose a file to upload.")
		}
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, maxUploadBytes+1))
		if err != nil {
			return err
		}
		if len(data) > maxUploadBytes {
			return accord.Errorf(accord.EINVALID, "The file is too large (the limit is 10 MiB).")
		}
		name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
		kind, err := sniff(name, data)
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
	id, err := pathID(r)
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
