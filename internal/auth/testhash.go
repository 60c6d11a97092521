package auth

// HashPasswordForTests hashes pw at the lowest argon2id cost (64 KiB, one
// pass), for the users that tests create by the hundred and sign in with:
// a real hash costs 19 MiB and tens of milliseconds at each sign-in. Never
// for a real password.
func HashPasswordForTests(pw string) (string, error) { return hashPassword(pw, 64, 1) }
