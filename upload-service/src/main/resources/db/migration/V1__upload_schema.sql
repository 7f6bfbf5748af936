-- Devices: no token is stored; device tokens are signed and verified by signature.
CREATE TABLE device (
    id             uuid PRIMARY KEY,
    platform       text        NOT NULL,
    province_code  text,
    registered_at  timestamptz NOT NULL
);
CREATE INDEX device_province_idx ON device (province_code);

CREATE TABLE official (
    username       text PRIMARY KEY,
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE TABLE covid_case (
    id             uuid PRIMARY KEY,
    test_date      date        NOT NULL,
    symptom_onset  date,
    province_code  text        NOT NULL,
    created_by     text        NOT NULL REFERENCES official (username),
    created_at     timestamptz NOT NULL
);

-- One-time codes, stored as keyed hashes (HMAC-SHA256): 8 digits are too few to protect with a plain hash.
CREATE TABLE verification_code (
    code_hash      bytea PRIMARY KEY,
    case_id        uuid        NOT NULL REFERENCES covid_case (id),
    expires_at     timestamptz NOT NULL,
    redeemed_at    timestamptz
);
CREATE INDEX verification_code_expiry_idx ON verification_code (expires_at);

-- One-time upload tokens, bound to the device that redeemed the code.
CREATE TABLE upload_token (
    token_hash                bytea PRIMARY KEY,
    case_id                   uuid        NOT NULL REFERENCES covid_case (id),
    device_id                 uuid        NOT NULL,
    level                     text        NOT NULL,
    infectious_from_interval  integer     NOT NULL,
    expires_at                timestamptz NOT NULL,
    used_at                   timestamptz
);
CREATE INDEX upload_token_expiry_idx ON upload_token (expires_at);
