-- One push channel per device (the latest it registered). The token is the provider's address for the
-- app on that phone (FCM registration token, APNs device token, or the Web Push endpoint URL).
CREATE TABLE push_channel (
    device_id      uuid PRIMARY KEY,
    channel        text        NOT NULL,
    token          text        NOT NULL,
    p256dh         text,
    auth           text,
    registered_at  timestamptz NOT NULL
);

-- Transactional outbox of pushes to send: a row is written in the same statement that creates or upgrades
-- an alert, and deleted once the provider accepted the push (or it can never be delivered). Rows due are
-- claimed with FOR UPDATE SKIP LOCKED, so any number of notify-service instances share the work; a claim
-- pushes due_at forward by a lease, so a push claimed by an instance that died is sent again: at least once.
CREATE TABLE push_delivery (
    id          bigserial PRIMARY KEY,
    alert_id    uuid        NOT NULL,
    level       text        NOT NULL,
    device_id   uuid        NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    due_at      timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT push_delivery_alert_level_unique UNIQUE (alert_id, level)
);
CREATE INDEX push_delivery_due_idx ON push_delivery (due_at);
