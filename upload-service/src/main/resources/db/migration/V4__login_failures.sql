-- Failed official logins per account name (a keyed hash of it, so names people mistyped are not kept in
-- clear), whether or not the account exists: after too many in a window, that name is refused for the
-- rest of the window, from every address and every instance.
CREATE TABLE login_failure (
    account_hash      bytea PRIMARY KEY,
    window_started_at timestamptz NOT NULL,
    failures          integer     NOT NULL
);
