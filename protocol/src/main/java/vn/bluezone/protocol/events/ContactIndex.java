package vn.bluezone.protocol.events;

import java.time.Duration;
import java.util.HashMap;
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

/**
 * Which devices have alerts at all, in memory, read from {@link Topics#CONTACTS}. Each holder reads
 * the whole topic itself (assigned partitions from the beginning, no consumer group), so every
 * gateway and notify-service instance knows every device, for as long as the topic keeps events
 * (the alerts' retention). {@link #caughtUp()} turns true once it read up to the end offsets it saw
 * at start. Polls of devices it does not know are answered "no alerts" without any database read.
 */
public final class ContactIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContactIndex.class);

    private final Set<UUID> devicesWithAlerts = ConcurrentHashMap.newKeySet();
    private final JsonSerde<ContactFound> serde = new JsonSerde<>(ContactFound.class);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private volatile boolean caughtUp;
    private volatile boolean running = true;

    /** @param consumerConfig Kafka consumer settings (at least bootstrap.servers); any group id is dropped */
    public ContactIndex(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove("group.id");
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "contact-index-reader");
        this.reader.setDaemon(true);
    }

    public void start() {
        reader.start();
    }

    /** False means certainly no alert (once caught up); true means the inbox must be read. */
    public boolean mayHaveAlerts(UUID deviceId) {
        return devicesWithAlerts.contains(deviceId);
    }

    /** Lets a holder that has just stored an alert know it before the topic reader does. */
    public void add(UUID deviceId) {
        devicesWithAlerts.add(deviceId);
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public int size() {
        return devicesWithAlerts.size();
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
                    log.info("Contact index loaded: {} devices with alerts", devicesWithAlerts.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> awaitPartitions() {
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
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
