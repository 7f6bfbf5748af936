package vn.bluezone.matching.engine;

import java.util.UUID;

/** A sighting as kept in the join's state, under its RPI. */
record StoredSighting(UUID deviceId, int interval, int durationSeconds, int attenuationDb) {

    boolean sameObservation(StoredSighting other) {
        return deviceId.equals(other.deviceId) && interval == other.interval;
    }
}
