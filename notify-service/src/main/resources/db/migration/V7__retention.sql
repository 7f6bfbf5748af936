-- Active devices of a closed day become one count: which devices were active is forgotten.
CREATE TABLE activity_count (
    day      date   PRIMARY KEY,
    devices  bigint NOT NULL
);

-- What the retention job looks rows up by.
CREATE INDEX alert_created_at_idx ON alert (created_at);
CREATE INDEX key_upload_published_at_idx ON key_upload (published_at);
