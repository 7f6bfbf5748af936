-- A disabled account cannot log in, and the gateway refuses its unexpired tokens within seconds (it asks
-- GET /api/v1/official/session before acting for an official).
ALTER TABLE official ADD COLUMN disabled_at timestamptz;
