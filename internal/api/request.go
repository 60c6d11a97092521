package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/accordhq/accord/internal/accord"
	"github.com/accordhq/accord/internal/httperr"
)

// maxBody is the largest request body the API reads.
const maxBody = 1 << 20

// decodeBody reads the request's JSON object into v. Every mistake a client
// can make is answered with a 4xx that says where: the media type (415), the
// size (413), the syntax (line and column), an unknown field, a value of the
// wrong type, data after the object.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	if err := checkJSONType(r); err != nil {
		return err
	}
	data, err := readBody(w, r, maxBody)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return accord.Errorf(accord.EINVALID, "The request body is empty; send a JSON object.")
	}
	return decodeRecord(data, v)
}

// decodeOptionalBody is decodeBody for requests whose body may be left
// out; without one, v is left as it is.
func decodeOptionalBody(w http.ResponseWriter, r *http.Request, v any) error {
	data, err := readBody(w, r, maxBody)
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return err
	}
	if err := checkJSONType(r); err != nil {
		return err
	}
	return decodeRecord(data, v)
}

// decodeRecord is decodeJSON for bodies whose text is stored: their
// strings may not hold control characters. (POST /extract reads a release
// it does not store with decodeJSON, and refuses binary text itself.)
func decodeRecord(data []byte, v any) error {
	if err := decodeJSON(data, v); err != nil {
		return err
	}
	return checkStrings(data)
}

func checkJSONType(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &httperr.Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Message: fmt.Sprintf("Send the body as JSON with Content-Type: application/json (got %q).", r.Header.Get("Content-Type"))}
	}
	return nil
}

// readBody reads a request body of at most limit bytes (maxBody for JSON).
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &httperr.Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("The request body is larger than %d bytes (%.3g MiB).", limit, float64(limit)/(1<<20))}
	}
	if err != nil {
		return nil, accord.Errorf(accord.EINVALID, "The request body could not be read.")
	}
	return data, nil
}

func decodeJSON(data []byte, v any) error {
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] != '{' {
		return accord.Errorf(accord.EINVALID, "The request body must be a JSON object {…}.")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		end := dec.InputOffset()
		if _, err := dec.Token(); err != io.EOF {
			for end < int64(len(data)) && strings.ContainsRune(" \t\r\n", rune(data[end])) {
				end++
			}
			return accord.Errorf(accord.EINVALID, "The request body has data after the JSON object, at %s.", where(data, end))
		}
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return accord.Errorf(accord.EINVALID, "The request body is not valid JSON at %s: %s.", where(data, syntax.Offset-1), syntax.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return accord.Errorf(accord.EINVALID, "The request body's JSON ends too soon, at %s.", where(data, int64(len(data))))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return accord.Errorf(accord.EINVALID, "The request body must be a JSON object {…}.")
		}
		return invalid(fieldPath(typ.Field), fmt.Sprintf("must be %s, not %s", jsonKind(typ.Type), jsonValue(typ.Value)))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return invalid(name, "is not a field of this record (fields are named as in GET answers and in /api/v1/openapi.json)")
	}
	// Values whose own decoding failed, such as a malformed time.
	return accord.Errorf(accord.EINVALID, "The request body has a value that cannot be read: %s.", err.Error())
}

// where describes the byte of data at offset (from 0) by its line and column (from 1).
func where(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d (offset %d)", line, col, offset)
}

// jsonKind names the JSON type a Go type is written as.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// fieldPath writes encoding/json's path of a field, "positions.0.org_id"
// (Go 1.27 names array elements), as validation names fields,
// "positions[0].org_id".
func fieldPath(jsonPath string) string {
	parts := strings.Split(jsonPath, ".")
	var b strings.Builder
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil && i > 0 {
			b.WriteString("[" + p + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// jsonValue names what UnmarshalTypeError.Value says was sent: "number",
// "number 1.5", "string", "bool", "array", "object".
func jsonValue(v string) string {
	switch {
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number "):
		return "the number " + strings.TrimPrefix(v, "number ")
	case v == "array" || v == "object":
		return "an " + v
	}
	return "a " + v
}

// pathID reads the positive integer {id} of the path.
func pathID(r *http.Request) (int64, error) {
	id, ok := accord.ParseID(r.PathValue("id"))
	if !ok {
		return 0, invalid("id", fmt.Sprintf("must be a record id, a positive whole number without sign or leading zeros, not %q", r.PathValue("id")))
	}
	return id, nil
}

// sameID checks that a body's id, if given, is the one of the path.
func sameID(path, body int64) error {
	if body != 0 && body != path {
		return invalid("id", fmt.Sprintf("is %d in the body but %d in the path", body, path))
	}
	return nil
}
