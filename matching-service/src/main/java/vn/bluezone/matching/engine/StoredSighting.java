package vn.bluezone.matching.engine;

import java.util.UUID;
import vn.bluezone.protocol.events.SightingRecorded;

/** A sighting as kept in the join's state, under its RPI. */
record StoredSighting(UUID deviceId, int interval, int durationSeconds, int attenuationDb) {

    /** The sighting to store; an invalid one throws, and goes to the dead letters before it can reach any state. */
    static StoredSighting of(SightingRecorded sighting) {
        if (sighting == null || sighting.deviceId() == null || sighting.rpi() == null || sighting.rpi().length != 16) {
            throw new IllegalArgumentException("A sighting event lacks its device or a 16-byte RPI");
        }
        return new StoredSighting(sighting.deviceId(), sighting.interval(), sighting.durationSeconds(),
                sighting.attenuationDb());
    }

    boolean sameObservation(StoredSighting other) {
        return deviceId.equals(other.deviceId) && interval == other.interval;
    }
}
