package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/sightings}: RPIs this phone heard. The batch's size is checked by Bean Validation;
 * each sighting by {@link Sighting#problem()}: with up to 10,000 of them per request, cascading Bean
 * Validation into every element took a quarter of the upload-service's CPU under load (docs/performance.md).
 */
public record SightingBatch(@NotEmpty @Size(max = MAX_SIGHTINGS) List<Sighting> sightings) {

    public static final int MAX_SIGHTINGS = 10_000;
    public static final int RPI_BYTES = 16;
    public static final int MAX_DURATION_SECONDS = 900;
    public static final int MAX_ATTENUATION_DB = 255;

    /** One RPI heard: {@code rpi} 16 bytes, {@code interval} ≥ 0, duration 1–900 s, attenuation 0–255 dB. */
    public record Sighting(byte[] rpi, Integer interval, Integer durationSeconds, Integer attenuationDb) {

        /** What is wrong with this sighting, as "field message", or null when nothing is. */
        public String problem() {
            if (rpi == null || rpi.length != RPI_BYTES) {
                return "rpi must be " + RPI_BYTES + " bytes";
            }
            if (interval == null || interval < 0) {
                return "interval must be an interval number of at least 0";
            }
            if (durationSeconds == null || durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS) {
                return "durationSeconds must be between 1 and " + MAX_DURATION_SECONDS;
            }
            if (attenuationDb == null || attenuationDb < 0 || attenuationDb > MAX_ATTENUATION_DB) {
                return "attenuationDb must be between 0 and " + MAX_ATTENUATION_DB;
            }
            return null;
        }
    }
}
