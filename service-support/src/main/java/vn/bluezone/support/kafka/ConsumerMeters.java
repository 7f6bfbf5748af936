package vn.bluezone.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A consumer's dead letters and retries per source topic. Registered at zero for every consumed topic at
 * start-up: a counter that first appears at 1 shows Prometheus no increase, so the first dead letter
 * would never fire {@code DeadLettersWritten}.
 */
final class ConsumerMeters {

    private final MeterRegistry meters;

    ConsumerMeters(MeterRegistry meters, Iterable<String> topics) {
        this.meters = meters;
        topics.forEach(topic -> {
            deadLetters(topic);
            retries(topic);
        });
    }

    Counter deadLetters(String topic) {
        return Counter.builder("bluezone.kafka.dead_letters").tag("topic", topic)
                .description("Events sent to <topic>.dlt because they can never be processed").register(meters);
    }

    Counter retries(String topic) {
        return Counter.builder("bluezone.kafka.consumer_retries").tag("topic", topic)
                .description("Failed attempts at an event that will be retried after a backoff").register(meters);
    }
}
