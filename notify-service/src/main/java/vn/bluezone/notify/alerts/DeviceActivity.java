package vn.bluezone.notify.alerts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Active devices per UTC day, for adoption statistics, without a database write per poll: the first
 * poll of a device on a day (per instance) queues it, and the queue is written in batches.
 */
@Component
class DeviceActivity {

    private static final int BATCH = 1000;

    private final DatabaseClient db;
    private final Clock clock;
    private volatile LocalDate day;
    private volatile Set<UUID> seenToday = ConcurrentHashMap.newKeySet();
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    DeviceActivity(DatabaseClient db) {
        this.db = db;
        this.clock = Clock.systemUTC();
        this.day = LocalDate.now(clock);
    }

    void seen(UUID deviceId) {
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(day)) {
            rollOver(today);
        }
        if (seenToday.add(deviceId)) {
            pending.add(deviceId);
        }
    }

    private synchronized void rollOver(LocalDate today) {
        if (!today.equals(day)) {
            flush();
            seenToday = ConcurrentHashMap.newKeySet();
            day = today;
        }
    }

    @Scheduled(fixedDelayString = "${bluezone.notify.activity-flush-interval:PT30S}")
    synchronized void flush() {
        List<UUID> batch = new ArrayList<>(pending);
        pending.removeAll(batch);
        LocalDate flushedDay = day;
        Flux.fromIterable(batch)
                .buffer(BATCH)
                .concatMap(devices -> db.sql("INSERT INTO notify.device_activity (day, device_id) "
                                + "SELECT :day, unnest(:devices::uuid[]) ON CONFLICT DO NOTHING")
                        .bind("day", flushedDay)
                        .bind("devices", devices.toArray(UUID[]::new))
                        .then())
                .blockLast();
    }
}
