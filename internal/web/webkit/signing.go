package webkit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// SigningKey reads the site's form key once; it signs the form tokens, the
// device cookies and the contact and comment forms, and is shared by every
// instance.
func (k *Kit) SigningKey(ctx context.Context) ([]byte, error) {
	k.keyMu.Lock()
	defer k.keyMu.Unlock()
	if k.key == nil {
		key, err := k.store.FormKey(ctx)
		if err != nil {
			return nil, err
		}
		k.key = key
	}
	return k.key, nil
}

// Sign is the HMAC of parts under key, as 32 characters for a cookie or a
// form field.
func Sign(key []byte, parts ...string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.Join(parts, "|")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))[:32]
}
