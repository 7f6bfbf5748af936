package vn.bluezone.gateway;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.bluezone.gateway.GatewayProperties.Activity;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;

/**
 * Which devices polled today, for adoption statistics, without a write per poll: the first poll of a
 * device on a day of the statistics zone (at this instance) sends one {@link DeviceActive} event, and the notify-service
 * stores them in batches. A Bloom filter per day remembers who was seen in about 1.8 bytes per device
 * (18 MB for 10 million); its rare false positives (0.1%) can only leave a device uncounted by this
 * instance that day, never count one twice. Events leave through a queue and a thread of their own,
 * so Kafka never blocks a poll.
 */
@Component
class ActiveDevices implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActiveDevices.class);
    private static final double FALSE_POSITIVE_RATE = 0.001;
    /** About a minute of first polls at national scale; beyond it, events are dropped and counted. */
    private static final int QUEUE_CAPACITY = 100_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Funnel<UUID> UUID_BITS = (id, sink) -> sink.putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits());

    /** The devices seen on one day. */
    private record Day(long epochDay, BloomFilter<UUID> devices) {
    }

    private final GatewayProperties properties;
    private final Activity settings;
    private final Clock clock;
    private final BlockingQueue<DeviceActive> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private volatile Day today;
    private volatile Thread sender;

    @Autowired
    ActiveDevices(GatewayProperties properties, MeterRegistry meters) {
        this(properties, meters, Clock.systemUTC());
    }

    ActiveDevices(GatewayProperties properties, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.settings = properties.activity();
        this.clock = clock;
        this.today = newDay(currentEpochDay());
        this.sent = events(meters, "sent");
        this.failed = events(meters, "failed");
        this.dropped = events(meters, "dropped");
    }

    private static Counter events(MeterRegistry meters, String outcome) {
        return Counter.builder("bluezone.gateway.activity.events").tag("outcome", outcome)
                .description("Active-device events (a device's first poll of the day) by outcome").register(meters);
    }

    /**
     * Called on every authenticated poll; sends an event only for the device's first poll of the day.
     * @param province the device's registered province, from its token (null: none)
     */
    void seen(UUID device, String province) {
        long epochDay = currentEpochDay();
        Day day = today;
        if (day.epochDay() != epochDay) {
            day = rollOver(epochDay);
        }
        if (day.devices().put(device) && !queue.offer(new DeviceActive(device, LocalDate.ofEpochDay(epochDay), province))) {
            dropped.increment();
        }
    }

    private long currentEpochDay() {
        return LocalDate.ofInstant(clock.instant(), settings.zone()).toEpochDay();
    }

    private synchronized Day rollOver(long epochDay) {
        if (today.epochDay() < epochDay) {
            today = newDay(epochDay);
        }
        return today;
    }

    private Day newDay(long epochDay) {
        return new Day(epochDay, BloomFilter.create(UUID_BITS, settings.expectedDevicesPerDay(), FALSE_POSITIVE_RATE));
    }

    private void send() {
        if (!createTopic()) {
            return;
        }
        KafkaProducer<String, DeviceActive> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new JsonSerde<>(DeviceActive.class));
        try {
            List<DeviceActive> batch = new ArrayList<>();
            while (sender != null || !queue.isEmpty()) {
                DeviceActive first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 10_000);
                for (DeviceActive active : batch) {
                    producer.send(new ProducerRecord<>(Topics.DEVICE_ACTIVITY, active.deviceId().toString(), active),
                            (metadata, error) -> (error == null ? sent : failed).increment());
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            log.error("Device activity events can no longer be sent", e);
        } finally {
            producer.close(CLOSE_TIMEOUT); // sends what is buffered
        }
    }

    private Map<String, Object> producerConfig() {
        return Map.of("bootstrap.servers", properties.kafkaBootstrapServers(),
                "acks", "all",
                "enable.idempotence", "true",
                // Statistics, not alerts: let records gather into larger batches.
                "linger.ms", "100",
                "compression.type", "lz4",
                // A send waits this long at most for Kafka's metadata, then counts as failed.
                "max.block.ms", "10000");
    }

    /** Creates the topic if missing; false when stopped, with nothing to send, before Kafka answered. */
    private boolean createTopic() {
        Admin admin = Admin.create(Map.of("bootstrap.servers", properties.kafkaBootstrapServers()));
        try {
            KafkaFuture<Void> created = admin.createTopics(List.of(Topics.definition(Topics.DEVICE_ACTIVITY,
                    settings.topicPartitions(), settings.topicReplicas(), settings.retentionDays()))).all();
            while (sender != null || !queue.isEmpty()) {
                try {
                    created.get(1, TimeUnit.SECONDS);
                    return true;
                } catch (TimeoutException e) {
                    // Kafka not reachable yet: keep waiting while running or holding events
                }
            }
            return false;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create {}; sending anyway", Topics.DEVICE_ACTIVITY, e.getCause());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::send, "device-activity-sender");
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = sender;
        sender = null; // the loop sends what is queued, then ends
        if (running != null) {
            try {
                running.join(STOP_TIMEOUT.toMillis());
                if (running.isAlive()) {
                    log.warn("Kafka unreachable at shutdown: {} device activity events not sent", queue.size());
                    running.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return sender != null;
    }
}
