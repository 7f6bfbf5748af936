-- Adoption statistics (moved here from the notify-service, which kept national counts only).

-- Which devices were active on a day (of the statistics zone) and the province their token names
-- ('' for none). Kept for 7 closed days, so devices active in the last 7 days can be counted once each;
-- then only the counts below remain.
CREATE TABLE device_activity (
    day            date NOT NULL,
    device_id      uuid NOT NULL,
    province_code  text NOT NULL,
    PRIMARY KEY (day, device_id)
);

-- Per closed day and province: devices active that day, and in the 7 days ending with it.
CREATE TABLE activity_count (
    day             date   NOT NULL,
    province_code   text   NOT NULL,
    active_devices  bigint NOT NULL,
    active_7_days   bigint NOT NULL,
    PRIMARY KEY (day, province_code)
);

-- Days whose counts are made: late events for them are not stored (they would never be counted).
CREATE TABLE closed_activity_day (
    day        date PRIMARY KEY,
    closed_at  timestamptz NOT NULL
);

-- Smartphone figures per province as operators upload them; a day's figures are the latest upload
-- dated on or before it. Every upload is kept.
CREATE TABLE smartphone_upload (
    id           bigserial PRIMARY KEY,
    as_of        date        NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    uploaded_by  text        NOT NULL
);
CREATE INDEX smartphone_upload_as_of_idx ON smartphone_upload (as_of, id);
CREATE TABLE smartphone_count (
    upload_id      bigint NOT NULL REFERENCES smartphone_upload (id),
    province_code  text   NOT NULL,
    smartphones    bigint NOT NULL CHECK (smartphones >= 0),
    PRIMARY KEY (upload_id, province_code)
);

-- The daily report as generated at 07:00 for the day before, kept as it was then (JSON of the figures).
CREATE TABLE adoption_report (
    day           date PRIMARY KEY,
    generated_at  timestamptz NOT NULL,
    figures       text        NOT NULL
);

-- A registration adds 1 to one of 16 rows of its day, province and platform, chosen at random: with a
-- single row every registration waited for the one before it to commit (about 300 a second at most).
ALTER TABLE registration_count ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE registration_count DROP CONSTRAINT registration_count_pkey;
ALTER TABLE registration_count ADD PRIMARY KEY (day, province_code, platform, shard);
