-- What an official may do (roles) and where (provinces); ADMIN and OPERATOR accounts are national.
-- Accounts made before roles existed get none: they can log in but do nothing until an ADMIN grants
-- roles (fails closed). The bootstrap account is given its roles at every start.
ALTER TABLE official ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
ALTER TABLE official ADD COLUMN provinces text[] NOT NULL DEFAULT '{}';
ALTER TABLE official ADD COLUMN display_name text;
ALTER TABLE official ADD COLUMN updated_at timestamptz;

-- Who did what to which case or account, when, from where. Kept for audit-retention-days; it names
-- officials and case ids, never a device, a code or a key.
CREATE TABLE audit_event (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL,
    actor           text        NOT NULL,
    client_address  text        NOT NULL,
    action          text        NOT NULL,
    target          text        NOT NULL,
    province_code   text,
    detail          text
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, id);
CREATE INDEX audit_event_target_idx ON audit_event (target, id);

-- Codes of a case (expiring them, listing the case's status).
CREATE INDEX covid_case_province_idx ON covid_case (province_code, created_at);
