-- Cases the upload-service opened (bluezone.cases.v1): officials asking about any other id get 404, and
-- views can be scoped by province. Deleted with the case at the end of its retention.
CREATE TABLE known_case (
    case_id       uuid        PRIMARY KEY,
    province_code text,
    opened_at     timestamptz NOT NULL
);
CREATE INDEX known_case_opened_at_idx ON known_case (opened_at);
