package vn.bluezone.support.kafka;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bluezone.kafka.consumer-retry.*}: how a listener waits between attempts at an event whose
 * dependency is down. It retries for as long as the outage lasts; the wait doubles from
 * {@code initialInterval} up to {@code maxInterval}, which must stay well below the consumer's
 * {@code max.poll.interval.ms} (5 minutes) so the group does not evict the waiting consumer.
 */
@Validated
@ConfigurationProperties("bluezone.kafka.consumer-retry")
public record ConsumerRetryProperties(
        @NotNull Duration initialInterval,
        @DecimalMin("1.0") double multiplier,
        @NotNull Duration maxInterval) {

    public ConsumerRetryProperties {
        initialInterval = initialInterval == null ? Duration.ofMillis(500) : initialInterval;
        multiplier = multiplier == 0 ? 2.0 : multiplier;
        maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
    }
}
