-- A key upload whose answer was lost can be retried with the same grant and the same keys: the ledger
-- remembers which upload spent the grant (a digest of grant and keys) and whether Kafka acknowledged it.
ALTER TABLE spent_upload_grant ADD COLUMN upload_id uuid;
ALTER TABLE spent_upload_grant ADD COLUMN published_at timestamptz;
