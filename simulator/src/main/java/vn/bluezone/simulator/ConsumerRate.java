package vn.bluezone.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code simulate --consumer-rate --kafka HOST:PORT --group G [--topic T] [--seconds S]}: how fast a
 * consumer group (a matching-service application id) works through a topic, from its committed
 * offsets, measured over S seconds once it has started to make progress. Used to compare 1 and 2
 * matching instances on the same backlog.
 */
final class ConsumerRate {

    private final Options options;

    ConsumerRate(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        String group = options.text("group", "bluezone-matching");
        String topic = options.text("topic", vn.bluezone.protocol.events.Topics.SIGHTINGS);
        Duration window = Duration.ofSeconds(options.integer("seconds", 30));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", options.text("kafka", "localhost:9092")))) {
            long start = committed(admin, group, topic);
            while (committed(admin, group, topic) == start) {
                Thread.sleep(200); // restoring, rebalancing or not yet started
            }
            long from = committed(admin, group, topic);
            Instant began = Instant.now();
            Thread.sleep(window.toMillis());
            long to = committed(admin, group, topic);
            double seconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
            System.out.printf("group %s on %s: %d records in %.1f s = %.0f records/s%n", group, topic, to - from, seconds,
                    (to - from) / seconds);
        }
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }
}
