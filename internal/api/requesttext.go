package api

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/accordhq/accord/internal/accord"
)

// checkStrings refuses a JSON body whose strings hold NUL or another
// control character, naming each field by its path (participants[0].title),
// with the rule the web forms follow (accord.CheckInput). JSON strings
// carry C0 controls only as escapes, and DEL as itself (the fuzzer found
// it), so a body with neither a backslash nor a DEL is clean.
func checkStrings(data []byte) error {
	if bytes.IndexByte(data, '\\') < 0 && bytes.IndexByte(data, 0x7f) < 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil // decodeJSON has read it already; cannot happen
	}
	var p accord.Problems
	walkStrings(&p, "", v)
	return accord.InputError(p)
}

func walkStrings(p *accord.Problems, path string, v any) {
	switch v := v.(type) {
	case string:
		accord.CheckInput(p, path, v)
	case []any:
		for i, e := range v {
			walkStrings(p, path+"["+strconv.Itoa(i)+"]", e)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			name := k
			if path != "" {
				name = path + "." + k
			}
			walkStrings(p, name, v[k])
		}
	}
}
