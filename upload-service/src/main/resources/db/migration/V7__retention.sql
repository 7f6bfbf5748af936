-- Registrations become anonymous daily counts: device tokens are signed and verified by signature, so
-- nothing needs a list of devices, and the server keeps none (installs per province are these counts).
-- Days are Vietnam's (Asia/Ho_Chi_Minh), as the provinces report them; no province is ''.
CREATE TABLE registration_count (
    day            date   NOT NULL,
    province_code  text   NOT NULL,
    platform       text   NOT NULL,
    registrations  bigint NOT NULL,
    PRIMARY KEY (day, province_code, platform)
);
INSERT INTO registration_count (day, province_code, platform, registrations)
SELECT (registered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, coalesce(province_code, ''), platform, count(*)
FROM device GROUP BY 1, 2, 3;
DROP TABLE device;

-- Cases past their retention remain only as counts per day confirmed and province.
CREATE TABLE case_count (
    day            date   NOT NULL,
    province_code  text   NOT NULL,
    cases          bigint NOT NULL,
    PRIMARY KEY (day, province_code)
);

-- What the retention job looks rows up by.
CREATE INDEX covid_case_created_at_idx ON covid_case (created_at);
CREATE INDEX spent_upload_grant_spent_at_idx ON spent_upload_grant (spent_at);
CREATE INDEX verification_code_case_idx ON verification_code (case_id);
CREATE INDEX attempt_window_started_at_idx ON attempt_window (window_started_at);
