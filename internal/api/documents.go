package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/download"
	"github.com/accordhq/accord/internal/httperr"
)

// Documents are files attached to engagements and agreements. They are
// uploaded as multipart/form-data (one file, in the field "file"), kept by
// the type their content has (never their name says), and downloaded as
// attachments, never shown inline.

const (
	maxUpload   = 10 << 20 // the largest file accepted, as in the web application
	uploadSlack = 64 << 10 // room for the multipart boundaries and headers around it
)

// sniff decides the stored content type of an upload, or says why it is refused.
func sniff(filename string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", invalid("file", "is empty")
	}
	sniffed := http.DetectContentType(data)
	kind, ok := accord.StoredType(filename, sniffed)
	switch {
	case !ok && sniffed == accord.ZipType:
		return "", invalid("file", "is a zip archive, which is accepted only as an office document named .docx, .xlsx, .pptx, .odt or .ods")
	case !ok:
		return "", invalid("file", fmt.Sprintf("is of type %s (judged by its content, not its name), which is not accepted; send a PDF, a PNG, JPEG, GIF or WebP image, plain text (UTF-8) or an office document (.docx, .xlsx, .pptx, .odt, .ods)", sniffed))
	}
	return kind, nil
}

// listDocuments lists the documents attached to an engagement or agreement.
func (a *API) listDocuments(entity string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if _, err := parseQuery(r); err != nil {
			return err
		}
		items, err := a.store.Attachments(r.Context(), entity, id)
		if err != nil {
			return err
		}
		return writeList(w, items, len(items))
	}
}

// uploadDocument attaches the uploaded file to an engagement or agreement.
func (a *API) uploadDocument(entity string) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
			return &httperr.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
				Message: fmt.Sprintf(`Send the file as multipart/form-data, in a field named "file" (got Content-Type %q).`, r.Header.Get("Content-Type"))}
		}
		// A record the caller may not see is a 404 before 10 MiB are read.
		if _, err := a.store.Attachments(r.Context(), entity, id); err != nil {
			return err
		}
		name, data, err := readUpload(w, r)
		if err != nil {
			return err
		}
		kind, err := sniff(name, data)
		if err != nil {
			return err
		}
		att := &accord.Attachment{Entity: entity, EntityID: id, Filename: accord.SafeFilename(name, kind), ContentType: kind}
		if err := a.store.Attach(r.Context(), att, data); err != nil {
			return err
		}
		w.Header().Set("Location", "/api/v1/documents/"+strconv.FormatInt(att.ID, 10))
		return writeJSON(w, http.StatusCreated, att)
	}
}

// readUpload reads the one part of a multipart/form-data body, "file", with
// its filename (the last element of the name the client sent).
func readUpload(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+uploadSlack)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, accord.Errorf(accord.EINVALID, "The multipart/form-data body cannot be read: %s.", err.Error())
	}
	var (
		name  string
		data  []byte
		found bool
	)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", nil, uploadError(err)
		}
		field := part.FormName()
		switch {
		case field == "":
			return "", nil, accord.Errorf(accord.EINVALID, `Every part of the body needs a readable Content-Disposition: form-data; name="…" (got %q).`, part.Header.Get("Content-Disposition"))
		case field != "file":
			return "", nil, invalid(field, `is not a field of an upload; send the file alone, in the field "file"`)
		case found:
			return "", nil, invalid("file", "is given twice; send one file per request")
		}
		found = true
		if name, err = uploadName(part); err != nil {
			return "", nil, err
		}
		data, err = io.ReadAll(io.LimitReader(part, maxUpload+1))
		if err != nil {
			return "", nil, uploadError(err)
		}
		if len(data) > maxUpload {
			return "", nil, tooLargeUpload()
		}
	}
	if !found {
		return "", nil, invalid("file", `is required: send the file in a multipart/form-data field named "file", with its filename`)
	}
	return name, data, nil
}

// uploadName is the last element of the part's filename (with / or \ as
// separators, as browsers on Windows may send a path), refused when missing
// or unfit for a Content-Disposition.
func uploadName(part *multipart.Part) (string, error) {
	_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
	name := params["filename"]
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	switch {
	case name == "." || name == ".." || strings.TrimSpace(name) == "":
		return "", invalid("file", `must be sent with its filename: Content-Disposition: form-data; name="file"; filename="report.pdf"`)
	case len(name) > 255:
		return "", invalid("file", "has a filename longer than 255 bytes")
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return "", invalid("file", "has a filename with control characters or bytes that are not UTF-8")
	}
	return name, nil
}

func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLargeUpload()
	}
	return accord.Errorf(accord.EINVALID, "The multipart/form-data body cannot be read: %s.", err.Error())
}

func tooLargeUpload() error {
	return &httperr.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
		Message: fmt.Sprintf("The file is larger than %d bytes (10 MiB), the largest Accord keeps.", maxUpload)}
}

// downloadDocument sends a document, to whoever may see its record, as an
// attachment of the type it was stored as. nosniff (set for every answer)
// and the sandbox keep a browser from running it.
func (a *API) downloadDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := parseQuery(r); err != nil {
		return err
	}
	att, data, err := a.store.Document(r.Context(), id)
	if err != nil {
		return err
	}
	download.Attachment(w, att, data)
	return nil
}
