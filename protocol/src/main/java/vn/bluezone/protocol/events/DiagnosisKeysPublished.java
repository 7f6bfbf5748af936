package vn.bluezone.protocol.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Verified keys of a case. RPIs of intervals before {@code infectiousFromInterval} must not match.
 * {@code uploaderDeviceId} is known because the uploader verified its code with its device token;
 * it is used only so that a device is never its own contact.
 */
public record DiagnosisKeysPublished(
        UUID uploadId,
        UUID caseId,
        UUID uploaderDeviceId,
        ContactLevel uploaderLevel,
        int infectiousFromInterval,
        List<Key> keys,
        Instant publishedAt) {

    public record Key(byte[] key, int rollingStartInterval, int rollingPeriod) {
    }
}
