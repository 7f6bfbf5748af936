package vn.bluezone.matching.engine;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
        @NotNull Duration cleanupInterval) {

    /** Minutes of a sighting weighted by how close its attenuation says the phones were. */
    double weightedMinutes(int durationSeconds, int attenuationDb) {
        double weight = attenuationDb <= nearAttenuationDb ? nearWeight
                : attenuationDb <= mediumAttenuationDb ? mediumWeight
                : 0.0;
        return weight * durationSeconds / 60.0;
    }

    /** First UTC day still inside the retention window at {@code nowMillis}. */
    LocalDate oldestLiveDay(long nowMillis) {
        return EnIntervals.day(EnIntervals.of(Instant.ofEpochMilli(nowMillis))).minusDays(retentionDays);
    }
}
