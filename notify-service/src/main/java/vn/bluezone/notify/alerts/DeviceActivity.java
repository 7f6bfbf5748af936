package vn.bluezone.notify.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.Topics;

/**
 * Active devices per UTC day, for adoption statistics. The gateway sends an event at a device's first
 * poll of the day; they are stored here with one statement per batch and day, never one per poll, and
 * a redelivered event changes nothing (the key is day and device). Offsets are committed after the
 * batch is stored.
 */
@Component
class DeviceActivity {

    private final DatabaseClient db;
    private final Counter stored;

    DeviceActivity(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        this.stored = meters.counter("bluezone.activity.stored");
    }

    @KafkaListener(topics = Topics.DEVICE_ACTIVITY, batch = "true", concurrency = "1")
    void onActivity(List<ConsumerRecord<String, Object>> records) {
        Map<LocalDate, List<UUID>> devicesByDay = records.stream()
                .map(ConsumerRecord::value)
                .filter(DeviceActive.class::isInstance) // an unreadable event is logged by the deserializer
                .map(DeviceActive.class::cast)
                .collect(Collectors.groupingBy(DeviceActive::day,
                        Collectors.mapping(DeviceActive::deviceId, Collectors.toList())));
        Long inserted = Flux.fromIterable(devicesByDay.entrySet())
                .concatMap(day -> db.sql("INSERT INTO notify.device_activity (day, device_id) "
                                + "SELECT :day, unnest(:devices::uuid[]) ON CONFLICT DO NOTHING")
                        .bind("day", day.getKey())
                        .bind("devices", day.getValue().toArray(UUID[]::new))
                        .fetch().rowsUpdated())
                .reduce(0L, Long::sum)
                .block(Duration.ofSeconds(30));
        stored.increment(inserted == null ? 0 : inserted);
    }
}
