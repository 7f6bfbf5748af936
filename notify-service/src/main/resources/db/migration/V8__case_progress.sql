-- The officials' case list and timeline: when the case was tested, when its code was first redeemed
-- (bluezone.cases.v1 CodeRedeemed), and when each alert first reached its phone (its first poll that
-- returned it). Deleted with the case and the alert at the end of their retention.
ALTER TABLE known_case ADD COLUMN test_date date;
ALTER TABLE alert ADD COLUMN delivered_at timestamptz;
-- First redemption per case; kept apart from known_case so neither event has to arrive first.
CREATE TABLE case_redemption (
    case_id      uuid        PRIMARY KEY,
    redeemed_at  timestamptz NOT NULL
);
CREATE INDEX known_case_province_idx ON known_case (province_code, opened_at);
