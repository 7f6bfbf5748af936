package vn.bluezone.protocol.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
 * (the alerts' retention). Polls of devices it does not know are answered "no alerts" without any
 * database read, but only while the index is <em>current</em>: it read, less than
 * {@code maxStaleness} ago, up to end offsets it had asked Kafka for. Kafka unreachable at start-up or
 * later, or a reader that fell behind, makes it not current, and then {@link #mayHaveAlerts} says
 * "maybe" for everyone, so callers read the inbox instead of answering "no alerts". The reader never
 * gives up: it backs off and tries again.
 */
public final class ContactIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContactIndex.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final Set<UUID> devicesWithAlerts = ConcurrentHashMap.newKeySet();
    private final JsonSerde<ContactFound> serde = new JsonSerde<>(ContactFound.class);
    private final Map<String, Object> config;
    private final long maxStalenessMs;
    private final LongSupplier clock;
    private final Thread reader;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean loaded;
    private volatile long confirmedAtMs = Long.MIN_VALUE;
    private volatile boolean running = true;
    private long backoffMs = FIRST_BACKOFF_MS;

    /** @param consumerConfig Kafka consumer settings (at least bootstrap.servers); any group id is dropped */
    public ContactIndex(Map<String, Object> consumerConfig) {
        this(consumerConfig, Duration.ofSeconds(10), System::currentTimeMillis);
    }

    /** @param maxStaleness how long after its last confirmed catch-up the index still counts as current */
    public ContactIndex(Map<String, Object> consumerConfig, Duration maxStaleness, LongSupplier clockMillis) {
        Map<String, Object> settings = new HashMap<>(consumerConfig);
        settings.remove("group.id");
        settings.put("enable.auto.commit", "false");
        settings.put("isolation.level", "read_committed");
        settings.put("auto.offset.reset", "earliest");
        this.config = settings;
        this.maxStalenessMs = maxStaleness.toMillis();
        this.clock = clockMillis;
        this.reader = new Thread(this::run, "contact-index-reader");
        this.reader.setDaemon(true);
    }

    public void start() {
        reader.start();
    }

    /**
     * False means certainly no alert: the index is current and does not know the device. True means
     * the inbox must be read (the device has alerts, or the index cannot tell right now).
     */
    public boolean mayHaveAlerts(UUID deviceId) {
        return !current() || devicesWithAlerts.contains(deviceId);
    }

    /** Lets a holder that has just stored an alert know it before the topic reader does. */
    public void add(UUID deviceId) {
        devicesWithAlerts.add(deviceId);
    }

    /** Read the whole topic once since start-up (it may have fallen behind since: see {@link #current()}). */
    public boolean loaded() {
        return loaded;
    }

    /** Caught up with the topic recently enough that a device it does not know has no alerts. */
    public boolean current() {
        long confirmed = confirmedAtMs;
        return confirmed != Long.MIN_VALUE && clock.getAsLong() - confirmed < maxStalenessMs;
    }

    public int size() {
        return devicesWithAlerts.size();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Contact index reader failed, retrying in {} ms: {}", backoffMs, e.toString());
                    sleep(backoffMs);
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                }
            }
        }
    }

    /** Reads the topic from the beginning, then keeps confirming that it is caught up. */
    private void follow(KafkaConsumer<byte[], byte[]> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.CONTACTS, REQUEST_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(Topics.CONTACTS + " does not exist yet");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        while (running) {
            long askedAt = clock.getAsLong();
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, REQUEST_TIMEOUT);
            do {
                for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                    index(record);
                }
            } while (running && !reached(kafka, ends));
            confirmedAtMs = askedAt;
            backoffMs = FIRST_BACKOFF_MS;
            if (!loaded) {
                loaded = true;
                log.info("Contact index loaded: {} devices with alerts", devicesWithAlerts.size());
            }
        }
    }

    private void index(ConsumerRecord<byte[], byte[]> record) {
        try {
            ContactFound contact = serde.deserialize(record.topic(), record.value());
            if (contact != null && contact.deviceId() != null) {
                devicesWithAlerts.add(contact.deviceId());
            }
        } catch (SerializationException e) {
            log.warn("Skipping unreadable contact event at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey(), REQUEST_TIMEOUT) >= end.getValue());
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        reader.interrupt();
    }
}
