-- Upload tokens are now signed grants (see protocol UploadGrants) and are stored nowhere; only the ids
-- of spent grants are kept, which is what makes each grant one-time.
DROP TABLE upload_token;

CREATE TABLE spent_upload_grant (
    grant_id   text PRIMARY KEY,
    device_id  uuid        NOT NULL,
    case_id    uuid        NOT NULL,
    level      text        NOT NULL,
    spent_at   timestamptz NOT NULL
);
CREATE INDEX spent_upload_grant_case_idx ON spent_upload_grant (case_id, level);
