package vn.bluezone.notify.alerts;

import java.util.UUID;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.bluezone.protocol.events.ContactIndex;

/**
 * This instance's {@link ContactIndex}: a poll from a device without alerts needs no database read.
 * The instance is ready only once the index has read the contacts topic; when it falls behind later
 * (Kafka unreachable), polls read the inbox until it is current again.
 */
@Component("alertIndex")
class AlertIndex implements SmartLifecycle, HealthIndicator {

    private final KafkaProperties kafkaProperties;
    private volatile ContactIndex index;

    AlertIndex(KafkaProperties kafkaProperties) {
        this.kafkaProperties = kafkaProperties;
    }

    boolean mayHaveAlerts(UUID deviceId) {
        return index.mayHaveAlerts(deviceId);
    }

    void add(UUID deviceId) {
        index.add(deviceId);
    }

    @Override
    public void start() {
        index = new ContactIndex(kafkaProperties.buildConsumerProperties());
        index.start();
    }

    @Override
    public void stop() {
        index.close();
        index = null;
    }

    @Override
    public boolean isRunning() {
        return index != null;
    }

    @Override
    public Health health() {
        ContactIndex current = index;
        // Ready once loaded; while it is not current (Kafka unreachable) polls read the inbox instead.
        boolean ready = current != null && current.loaded();
        return (ready ? Health.up() : Health.outOfService())
                .withDetail("current", current != null && current.current())
                .withDetail("devicesWithAlerts", current == null ? 0 : current.size()).build();
    }
}
