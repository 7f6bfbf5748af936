package vn.bluezone.upload.adoption;

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
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.support.kafka.InvalidEvent;

/**
 * Active devices per day and province, for adoption statistics. The gateway sends an event at a
 * device's first poll of the day; they are stored here with one statement per batch and day, never one
 * per poll, and a redelivered event changes nothing (the key is day and device). Offsets are committed after the
 * batch is stored. The valid events before an unreadable or invalid one are stored, then that one is
 * reported so that it alone goes to the dead-letter topic and the rest of the batch is redelivered.
 */
@Component
class DeviceActivity {

    private final DatabaseClient db;
    private final Counter stored;

    DeviceActivity(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        this.stored = Counter.builder("bluezone.activity.stored")
                .description("New (device, day) activity rows").register(meters);
    }

    @KafkaListener(topics = Topics.DEVICE_ACTIVITY, batch = "true", concurrency = "1")
    void onActivity(List<ConsumerRecord<String, Object>> records) {
        int firstInvalid = 0;
        while (firstInvalid < records.size() && isValid(records.get(firstInvalid).value())) {
            firstInvalid++;
        }
        store(records.subList(0, firstInvalid));
        if (firstInvalid < records.size()) {
            throw new BatchListenerFailedException("Unreadable or invalid device-activity event",
                    new InvalidEvent("A device-activity event is unreadable or lacks a required field"), firstInvalid);
        }
    }

    /** Unreadable and incomplete events arrive as null (see support.KafkaConfiguration). */
    private static boolean isValid(Object value) {
        return value instanceof DeviceActive;
    }

    private void store(List<ConsumerRecord<String, Object>> records) {
        Map<LocalDate, List<DeviceActive>> byDay = records.stream()
                .map(record -> (DeviceActive) record.value())
                .collect(Collectors.groupingBy(DeviceActive::day));
        Long inserted = Flux.fromIterable(byDay.entrySet())
                // A day already counted takes no more rows: they would never be counted.
                .concatMap(day -> db.sql("INSERT INTO upload.device_activity (day, device_id, province_code) "
                                + "SELECT :day, d, p FROM unnest(:devices::uuid[], :provinces::text[]) AS a (d, p) "
                                + "WHERE NOT EXISTS (SELECT 1 FROM upload.closed_activity_day WHERE day = :day) "
                                + "ON CONFLICT DO NOTHING")
                        .bind("day", day.getKey())
                        .bind("devices", day.getValue().stream().map(DeviceActive::deviceId).toArray(UUID[]::new))
                        .bind("provinces", day.getValue().stream().map(ActivityDays::provinceKey).toArray(String[]::new))
                        .fetch().rowsUpdated())
                .reduce(0L, Long::sum)
                .block(Duration.ofSeconds(30));
        stored.increment(inserted == null ? 0 : inserted);
    }
}
