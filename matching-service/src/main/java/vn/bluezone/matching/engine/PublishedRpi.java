package vn.bluezone.matching.engine;

import java.util.List;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * One RPI that an uploader's keys broadcast during one interval of its infectious period.
 * {@code excludedDeviceIds} are never alerted through it (the uploader and the case's F0s).
 * {@code uploadedAtMillis} is when the keys were uploaded (the record's own timestamp puts it first:
 * {@link KeyExpansion}).
 */
record PublishedRpi(UUID caseId, UUID uploaderDeviceId, ContactLevel uploaderLevel, List<UUID> excludedDeviceIds,
        int interval, long uploadedAtMillis) {

    boolean excludes(UUID deviceId) {
        return deviceId.equals(uploaderDeviceId) || excludedDeviceIds.contains(deviceId);
    }

    /** The same case's uploader published this RPI already (a re-upload of the same keys). */
    boolean samePublication(PublishedRpi other) {
        return interval == other.interval && caseId.equals(other.caseId) && uploaderDeviceId.equals(other.uploaderDeviceId)
                && uploaderLevel == other.uploaderLevel;
    }
}
