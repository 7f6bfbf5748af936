-- Attempts per purpose and key in a fixed window, shared by every instance: failed official logins per
-- account name, code redemptions per device, registrations per client address. Keys are keyed hashes
-- (account names people mistyped, addresses), never the values. Rows of ended windows are deleted by
-- the retention job.
CREATE TABLE attempt_window (
    purpose           text        NOT NULL,
    key_hash          bytea       NOT NULL,
    window_started_at timestamptz NOT NULL,
    attempts          integer     NOT NULL,
    PRIMARY KEY (purpose, key_hash)
);

-- Failed-login counts live in attempt_window now; open windows (15 minutes) are not worth carrying over.
DROP TABLE login_failure;
