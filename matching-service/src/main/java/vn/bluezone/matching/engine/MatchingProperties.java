package vn.bluezone.matching.engine;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.bluezone.protocol.crypto.EnIntervals;

/** {@code bluezone.matching.*}; documented in application.yml and docs/operations.md. */
@Validated
@ConfigurationProperties("bluezone.matching")
public record MatchingProperties(
        @Min(0) @Max(144) int intervalTolerance,
        @DecimalMin("0.1") double f1ThresholdMinutes,
        @Min(0) @Max(255) int nearAttenuationDb,
        @DecimalMin("0") @DecimalMax("1") double nearWeight,
        @Min(0) @Max(255) int mediumAttenuationDb,
        @DecimalMin("0") @DecimalMax("1") double mediumWeight,
        @Min(1) int partitions,
        @Min(1) short topicReplicas,
        @Min(1) int retentionDays,
        @NotNull Duration cleanupInterval,
        @NotNull Duration cleanupSliceInterval,
        @Min(1) int cleanupSliceSize,
        @NotNull ZoneId dayZone,
        @Min(1) @Max(MAX_STORED_SIGHTINGS) int maxSightingsPerRpi,
        @Min(1) @Max(144) int maxIntervalsPerDeviceAndRpi,
        @DecimalMin("1") double maxMinutesPerRpi) {

    /** Keeps one RPI's state record far below Kafka's 1 MB record limit (about 100 bytes per sighting). */
    static final int MAX_STORED_SIGHTINGS = 5_000;

    /** Minutes of a sighting weighted by how close its attenuation says the phones were. */
    double weightedMinutes(int durationSeconds, int attenuationDb) {
        double weight = attenuationDb <= nearAttenuationDb ? nearWeight
                : attenuationDb <= mediumAttenuationDb ? mediumWeight
                : 0.0;
        return weight * durationSeconds / 60.0;
    }

    /**
     * The day an interval counts on for the daily threshold: the calendar day in {@code dayZone} (Vietnam's),
     * so a morning bus ride is not split at 07:00 by the UTC midnight.
     */
    LocalDate dayOf(int interval) {
        return LocalDate.ofInstant(EnIntervals.start(interval), dayZone);
    }

    /** First UTC day still inside the retention window at {@code nowMillis}. */
    LocalDate oldestLiveDay(long nowMillis) {
        return EnIntervals.day(EnIntervals.of(Instant.ofEpochMilli(nowMillis))).minusDays(retentionDays);
    }
}
