package vn.bluezone.upload;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.bluezone.protocol.api.SightingBatch;

/** {@code bluezone.upload.*}; documented in application.yml and docs/operations.md. */
@Validated
@ConfigurationProperties("bluezone.upload")
public record UploadProperties(
        @Valid @NotNull Keys keys,
        @NotNull Duration codeValidity,
        @NotNull Duration uploadTokenValidity,
        @NotNull Duration officialSessionValidity,
        @Min(1) @Max(60) int retentionDays,
        @Min(15) @Max(3650) int caseRetentionDays,
        @NotNull ZoneId statisticsZone,
        @NotNull @Pattern(regexp = "2025|2008") String administrativeUnits,
        @NotNull Duration retentionInterval,
        @NotNull Duration activityCloseInterval,
        @Min(30) @Max(3650) int auditRetentionDays,
        @NotNull LocalTime dailyReportTime,
        @NotNull Duration dailyReportCheckInterval,
        @NotNull Duration adoptionGaugeInterval,
        @NotNull Duration adoptionJobsDelay,
        boolean portalSecureCookies,
        @Min(0) @Max(14) int infectiousDaysBeforeOnset,
        @Min(0) @Max(144) int maxFutureIntervals,
        @Min(0) @Max(144) int maxRpiIntervalSpread,
        @Min(1) int topicPartitions,
        @Min(SightingBatch.MAX_SIGHTINGS) int maxSightingsInFlight,
        @NotNull Duration busyRetryAfter,
        @Min(1) short topicReplicas,
        @Min(1) int loginFailuresPerAccount,
        @NotNull Duration loginFailureWindow,
        @Min(1) int verifyAttemptsPerDevice,
        @NotNull Duration verifyAttemptWindow,
        @Min(1) int registrationsPerAddress,
        @NotNull Duration registrationWindow,
        String bootstrapOfficialUser,
        String bootstrapOfficialPassword) {

    /** Today where adoption is counted: registrations, the figures and the portal all use this day. */
    public LocalDate statisticsToday(Clock clock) {
        return LocalDate.now(clock.withZone(statisticsZone));
    }

    /** The JWK sets of each purpose this service holds (docs/security.md#keys). */
    public record Keys(@NotBlank String deviceTokens, @NotBlank String officialTokens, @NotBlank String f0Grants,
            @NotBlank String f1GrantsPublic, @NotBlank String hashes) {
    }
}
