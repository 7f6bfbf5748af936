package vn.bluezone.notify.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;

/**
 * Which devices have alerts at all, in memory, so that a poll from a device without alerts (the
 * common case) is answered without a database read. Every instance reads the whole contacts topic
 * itself (no consumer group: assigned partitions from the beginning), so every instance knows every
 * device, and the index is as old as the topic's retention, like the alerts. The instance reports
 * ready only once it has read up to the end offsets it saw at start-up.
 */
@Component("alertIndex")
class AlertIndex implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AlertIndex.class);

    private final Set<UUID> devicesWithAlerts = ConcurrentHashMap.newKeySet();
    private final KafkaProperties kafkaProperties;
    private final JsonSerde<ContactFound> serde = new JsonSerde<>(ContactFound.class);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean caughtUp;
    private volatile boolean running;
    private Thread reader;

    AlertIndex(KafkaProperties kafkaProperties) {
        this.kafkaProperties = kafkaProperties;
    }

    /** False means: certainly no alert. True means: read the inbox. */
    boolean mayHaveAlerts(UUID deviceId) {
        return devicesWithAlerts.contains(deviceId);
    }

    /** The listener that stores an alert also records it here at once, before the topic reader sees it. */
    void add(UUID deviceId) {
        devicesWithAlerts.add(deviceId);
    }

    int size() {
        return devicesWithAlerts.size();
    }

    @Override
    public void start() {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.remove("group.id");
        config.put("enable.auto.commit", "false");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        reader = new Thread(this::read, "alert-index-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        devicesWithAlerts.add(serde.deserialize(record.topic(), record.value()).deviceId());
                    } catch (SerializationException e) {
                        log.warn("Skipping unreadable contact event at {}-{}@{}", record.topic(), record.partition(),
                                record.offset());
                    }
                }
                if (!caughtUp && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp = true;
                    log.info("Alert index loaded: {} devices with alerts", devicesWithAlerts.size());
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> awaitPartitions() throws WakeupException {
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        return (caughtUp ? Health.up() : Health.outOfService()).withDetail("devicesWithAlerts", size()).build();
    }
}
