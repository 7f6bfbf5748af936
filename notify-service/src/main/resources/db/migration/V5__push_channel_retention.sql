-- Channels not registered again within the retention are deleted; this finds them without a full scan.
CREATE INDEX push_channel_registered_at_idx ON push_channel (registered_at);
