package vn.bluezone.protocol.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Verified keys of a case, uploaded by its F0 or by one of its F1s ({@code uploaderLevel}). RPIs of
 * intervals before {@code infectiousFromInterval} must not match. The uploader is known because it
 * verified with its device token; {@code excludedDeviceIds} (the uploader and the case's F0s) are
 * never alerted through these keys.
 */
public record DiagnosisKeysPublished(
        UUID uploadId,
        UUID caseId,
        UUID uploaderDeviceId,
        ContactLevel uploaderLevel,
        int infectiousFromInterval,
        List<UUID> excludedDeviceIds,
        List<Key> keys,
        Instant publishedAt) {

    public record Key(byte[] key, int rollingStartInterval, int rollingPeriod) {
    }
}
