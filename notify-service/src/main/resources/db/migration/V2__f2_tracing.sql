-- F2 tracing: the F1 an F2 was reached through, and where an F1's own keys start to count.
ALTER TABLE alert ADD COLUMN via_device_id uuid;
ALTER TABLE alert ADD COLUMN first_exposure_interval integer NOT NULL DEFAULT 0;
ALTER TABLE alert ALTER COLUMN first_exposure_interval DROP DEFAULT;

-- Every key publication of a case (its F0's, its F1s'), for the officials' case summary.
CREATE TABLE key_upload (
    upload_id     uuid PRIMARY KEY,
    case_id       uuid        NOT NULL,
    device_id     uuid        NOT NULL,
    level         text        NOT NULL,
    published_at  timestamptz NOT NULL
);
CREATE INDEX key_upload_case_idx ON key_upload (case_id);
