package vn.bluezone.matching.engine;

import java.time.LocalDate;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * A device's sighting matched an RPI published for a case, making it a possible contact at
 * {@code level} (F1 through the F0, F2 through {@code viaDeviceId}, an F1). {@code observationId}
 * identifies the sighting, so the same match seen twice (key re-upload, sighting retry) counts once.
 */
record Exposure(UUID deviceId, UUID caseId, ContactLevel level, UUID viaDeviceId, String observationId, int interval,
        LocalDate day, double weightedMinutes) {
}
