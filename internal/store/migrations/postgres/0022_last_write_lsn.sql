-- Where the primary's WAL was after each user's last write, so that a read
-- replica serves a user only once it has replayed that far (store/replica.go).
-- A nullable column without a default: a catalog change, no table rewrite.
ALTER TABLE users ADD COLUMN last_write_lsn TEXT;
