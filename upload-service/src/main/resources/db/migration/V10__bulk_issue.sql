-- Which references an official's bulk uploads already issued, so a retried file skips them. The
-- reference is the official's own line id (never a name); it goes with its case at retention.
CREATE TABLE bulk_issue (
    created_by  text        NOT NULL,
    reference   text        NOT NULL,
    case_id     uuid        NOT NULL REFERENCES covid_case (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (created_by, reference)
);
CREATE INDEX bulk_issue_case_idx ON bulk_issue (case_id);
