package vn.bluezone.matching.engine;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A device's sighting matched a case's RPI. {@code observationId} identifies the sighting, so the
 * same match seen twice (key re-upload, sighting retry) counts once.
 */
record Exposure(UUID deviceId, UUID caseId, String observationId, LocalDate day, double weightedMinutes) {
}
