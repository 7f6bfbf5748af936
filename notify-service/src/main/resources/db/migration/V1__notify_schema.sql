-- The alert inbox: one row per (device, case), at most. The unique key makes consuming contact
-- events idempotent: a redelivered event changes nothing.
CREATE TABLE alert (
    id                uuid PRIMARY KEY,
    device_id         uuid             NOT NULL,
    case_id           uuid             NOT NULL,
    level             text             NOT NULL,
    exposure_date     date             NOT NULL,
    weighted_minutes  double precision NOT NULL,
    created_at        timestamptz      NOT NULL,
    CONSTRAINT alert_device_case_unique UNIQUE (device_id, case_id)
);
CREATE INDEX alert_case_idx ON alert (case_id);
