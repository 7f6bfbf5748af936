-- Web Push is sent without a payload now, so the browsers' encryption keys are no longer needed: the ones
-- stored are erased. The columns stay for this release, because an instance of the previous release may
-- still be running during a rolling upgrade and reads them; the next release drops them.
UPDATE push_channel SET p256dh = NULL, auth = NULL WHERE p256dh IS NOT NULL OR auth IS NOT NULL;
