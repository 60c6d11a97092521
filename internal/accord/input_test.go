package accord

import (
	"strconv"
	"testing"
)

func TestParseIDTakesOnlyCanonicalIDs(t *testing.T) {
	for _, s := range []string{"1", "42", "9223372036854775807"} {
		if id, ok := ParseID(s); !ok || strconv.FormatInt(id, 10) != s {
			t.Errorf("ParseID(%q) = %d, %v; want it read", s, id, ok)
		}
	}
	for _, s := range []string{"", "0", "+1", "-1", "001", "01", " 1", "1 ", "1e3", "0x1", "١", "9223372036854775808", "99999999999999999999", "1\x00"} {
		if id, ok := ParseID(s); ok {
			t.Errorf("ParseID(%q) = %d; want it refused", s, id)
		}
	}
}

// FuzzParseID checks that an accepted id is exactly the decimal writing of
// its value, so that no two texts name one record.
func FuzzParseID(f *testing.F) {
	for _, s := range []string{"1", "+1", "001", "9223372036854775807", "9223372036854775808", "-0", " 7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := ParseID(s)
		if ok != (id > 0 && strconv.FormatInt(id, 10) == s) {
			t.Errorf("ParseID(%q) = %d, %v", s, id, ok)
		}
	})
}
