package vn.bluezone.protocol.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;

/**
 * One RPI that an uploader's keys broadcast during one interval of its infectious period, keyed by the
 * RPI like a sighting, so that both meet on one partition of the matching engine. The upload-service
 * expands each accepted {@link DiagnosisKeysPublished} into these and sends them with it, in the
 * binary layout of {@link PublishedRpiSerde}.
 * {@code excludedDeviceIds} are never alerted through it (the uploader and the case's F0s).
 * {@code uploadedAtMillis} is when the keys were uploaded, for the contact-finding latency.
 */
public record PublishedRpi(UUID caseId, UUID uploaderDeviceId, ContactLevel uploaderLevel, List<UUID> excludedDeviceIds,
        int interval, long uploadedAtMillis) {

    /** A published RPI with the record key it is sent under (the RPI, as in {@link Rpis#toKey}). */
    public record Keyed(String rpi, PublishedRpi publication) {
    }

    public boolean excludes(UUID deviceId) {
        return deviceId.equals(uploaderDeviceId) || excludedDeviceIds.contains(deviceId);
    }

    /** The same case's uploader published this RPI already (a re-upload of the same keys). */
    public boolean samePublication(PublishedRpi other) {
        return interval == other.interval && caseId.equals(other.caseId) && uploaderDeviceId.equals(other.uploaderDeviceId)
                && uploaderLevel == other.uploaderLevel;
    }

    /** Every RPI the upload's keys broadcast from its infectious start on (GAEN: one per 10-minute interval). */
    public static List<Keyed> of(DiagnosisKeysPublished upload) {
        List<UUID> excluded = upload.excludedDeviceIds() == null ? List.of() : upload.excludedDeviceIds();
        long uploadedAt = upload.publishedAt().toEpochMilli();
        List<Keyed> published = new ArrayList<>();
        for (DiagnosisKeysPublished.Key key : upload.keys()) {
            int first = Math.max(key.rollingStartInterval(), upload.infectiousFromInterval());
            int end = key.rollingStartInterval() + key.rollingPeriod();
            if (first >= end) {
                continue;
            }
            List<byte[]> ids = ExposureCrypto.rollingProximityIdentifiers(
                    ExposureCrypto.rollingProximityIdentifierKey(key.key()), first, end - first);
            for (int i = 0; i < ids.size(); i++) {
                published.add(new Keyed(Rpis.toKey(ids.get(i)), new PublishedRpi(upload.caseId(), upload.uploaderDeviceId(),
                        upload.uploaderLevel(), excluded, first + i, uploadedAt)));
            }
        }
        return published;
    }
}
