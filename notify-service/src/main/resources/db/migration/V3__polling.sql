-- Active devices: one row per device and UTC day it polled, written in batches (never per poll).
CREATE TABLE device_activity (
    day        date NOT NULL,
    device_id  uuid NOT NULL,
    PRIMARY KEY (day, device_id)
);
