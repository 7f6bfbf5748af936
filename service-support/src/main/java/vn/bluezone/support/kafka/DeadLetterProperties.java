package vn.bluezone.support.kafka;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bluezone.kafka.dead-letter.*}: the topics this service consumes, whose dead-letter topics
 * ({@code <topic>.dlt}) it creates if missing, with their replicas and how long they keep events
 * (long enough for an operator to inspect and replay them).
 */
@Validated
@ConfigurationProperties("bluezone.kafka.dead-letter")
public record DeadLetterProperties(List<String> sourceTopics, @Min(1) short replicas, Duration retention) {

    public DeadLetterProperties {
        sourceTopics = sourceTopics == null ? List.of() : List.copyOf(sourceTopics);
        replicas = replicas == 0 ? 1 : replicas;
        retention = retention == null ? Duration.ofDays(30) : retention;
    }
}
