package auth

import (
	"strings"
	"testing"
)

// TestPasswordRulesNIST: the passwords that only their length let through
// before ("password1234", twelve spaces) are refused, each naming its rule.
func TestPasswordRulesNIST(t *testing.T) {
	for pw, rule := range map[string]string{
		"password1234":             "common and breached",
		"Password1234":             "common and breached", // the list is compared without case
		"qwertyuiop":               "common and breached",
		"1234567890":               "common and breached",
		strings.Repeat(" ", 12):    "only spaces",
		"\t \u00a0 \n   \u3000  ":  "only spaces",
		strings.Repeat("z", 14):    "one character repeated",
		strings.Repeat("é", 14):    "one character repeated",
		"ada.lovelace@example.org": "email address or name",
		"Ada.Lovelace":             "email address or name",
		"ada lovelace":             "email address or name",
		"short":                    "too short",
	} {
		err := CheckPasswordRules(pw, "ada.lovelace@example.org", "Ada Lovelace")
		if err == nil || !strings.HasPrefix(err.Error(), "password ") || !strings.Contains(err.Error(), rule) {
			t.Errorf("%q: %v; want the rule %q", pw, err, rule)
		}
	}
	for _, pw := range []string{"long enough password", "correct horse battery", "ابحث عن كلمة سر طويلة", "z" + strings.Repeat(" ", 11)} {
		if err := CheckPasswordRules(pw, "ada.lovelace@example.org", "Ada Lovelace"); err != nil {
			t.Errorf("%q refused: %v", pw, err)
		}
	}
	if n := len(commonPasswords()); n < 1500 {
		t.Errorf("%d common passwords loaded; the embedded list has 1557", n)
	}
}
