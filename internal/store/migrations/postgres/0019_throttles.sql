-- Rate limits and sign-in throttles, shared by every instance on the
-- database: one counter per key (a hash of, e.g., "signin-account:" and an
-- email, or "contact-addr:" and a client address) for a fixed window.
-- Times are Unix milliseconds, compared as numbers in both dialects.
CREATE TABLE throttles (
    key_hash  BYTEA PRIMARY KEY,
    hits      INTEGER NOT NULL,
    resets_at BIGINT NOT NULL
);
CREATE INDEX throttles_resets_at ON throttles (resets_at);
