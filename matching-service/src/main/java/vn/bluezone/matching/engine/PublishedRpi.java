package vn.bluezone.matching.engine;

import java.util.List;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * One RPI that an uploader's keys broadcast during one interval of its infectious period.
 * {@code excludedDeviceIds} are never alerted through it (the uploader and the case's F0s).
 */
record PublishedRpi(UUID caseId, UUID uploaderDeviceId, ContactLevel uploaderLevel, List<UUID> excludedDeviceIds,
        int interval) {

    boolean excludes(UUID deviceId) {
        return deviceId.equals(uploaderDeviceId) || excludedDeviceIds.contains(deviceId);
    }
}
