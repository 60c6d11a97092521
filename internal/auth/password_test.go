package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the expected parameters", h)
	}
	if !CheckPassword(h, "correct horse battery") {
		t.Error("right password refused")
	}
	if CheckPassword(h, "correct horse batterx") || CheckPassword("garbage", "x") {
		t.Error("wrong password accepted")
	}
	h2, _ := HashPassword("correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: salt is not random")
	}
}

func TestPasswordRules(t *testing.T) {
	if CheckPasswordRules("short") == nil {
		t.Error("short password accepted")
	}
	if err := CheckPasswordRules("long enough password"); err != nil {
		t.Error(err)
	}
}

func TestSecrets(t *testing.T) {
	s1, h1 := NewSecret(TokenPrefix)
	s2, _ := NewSecret(TokenPrefix)
	if s1 == s2 || !strings.HasPrefix(s1, TokenPrefix) || len(s1) < 40 {
		t.Errorf("secrets %q %q", s1, s2)
	}
	if string(HashSecret(s1)) != string(h1) {
		t.Error("hash of the secret differs from the one returned")
	}
}

// The tests' cheap hash is still an argon2id hash that CheckPassword reads.
func TestHashPasswordForTests(t *testing.T) {
	h, err := HashPasswordForTests("a long test password")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q, %v", h, err)
	}
	if !CheckPassword(h, "a long test password") || CheckPassword(h, "a long test passwore") {
		t.Error("the cheap hash does not check passwords")
	}
}
