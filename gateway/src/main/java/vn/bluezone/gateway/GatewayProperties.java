package vn.bluezone.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code bluezone.gateway.*}; documented in application.yml and docs/operations.md. */
@Validated
@ConfigurationProperties("bluezone.gateway")
record GatewayProperties(@Valid @NotNull Keys keys, @NotNull Duration officialSessionCheckTtl, @NotBlank String uploadServiceUrl,
        @NotBlank String notifyServiceUrl, @NotBlank String kafkaBootstrapServers, boolean answerPollsWithoutAlerts,
        Map<String, @Valid RateLimit> rateLimits, @Valid @NotNull Activity activity) {

    /** The JWK sets of each purpose the gateway holds (docs/security.md#keys). */
    record Keys(@NotBlank String deviceTokens, @NotBlank String officialTokensPublic,
            @NotBlank String uploadServiceAssertions, @NotBlank String notifyServiceAssertions) {
    }

    /** What a limit counts by. */
    enum LimitKey {
        DEVICE, ADDRESS
    }

    /** Active-device events: how many devices a day to size the seen-today filter for, and their topic. */
    record Activity(@Min(1_000) long expectedDevicesPerDay, @Min(1) int topicPartitions, @Min(1) short topicReplicas,
            @Min(1) int retentionDays, @NotNull ZoneId zone) {
    }

    /** At most {@code capacity} requests per {@code period} for one key. */
    record RateLimit(@NotNull LimitKey key, @Min(1) long capacity, @NotNull Duration period) {
    }
}
