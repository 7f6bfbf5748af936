package vn.bluezone.protocol.events;

import java.util.UUID;

/**
 * A phone saw an RPI. {@code deviceId} is the observer, never the broadcaster: the server cannot tell
 * who broadcast an RPI unless that phone publishes its keys.
 */
public record SightingRecorded(UUID deviceId, byte[] rpi, int interval, int durationSeconds, int attenuationDb) {
}
