package vn.bluezone.notify.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes push channels a device has not registered again within {@code bluezone.push.channel-retention},
 * with any push still queued for them. Phones register their token at every start and at least monthly
 * (as FCM recommends), so a channel this old belongs to an app that is gone or no longer used: keeping
 * its token would only keep a device-to-provider address nobody needs. Every instance runs it; the
 * statement is idempotent.
 */
@Component
class PushChannelRetention {

    private static final Logger log = LoggerFactory.getLogger(PushChannelRetention.class);

    private final DatabaseClient db;
    private final Duration retention;
    private final Clock clock;
    private final Counter expired;

    PushChannelRetention(DatabaseClient db, PushProperties properties, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.db = db;
        this.retention = properties.channelRetention();
        this.expired = Counter.builder("bluezone.push.channels.expired")
                .description("Push channels deleted because the phone did not register them again").register(meters);
    }

    @Scheduled(fixedDelayString = "${bluezone.push.channel-cleanup-interval}",
            initialDelayString = "${bluezone.push.channel-cleanup-interval}")
    void deleteStaleChannels() {
        Long deleted = db.sql("WITH stale AS (DELETE FROM notify.push_channel WHERE registered_at < :cutoff "
                        + "RETURNING device_id), queued AS (DELETE FROM notify.push_delivery "
                        + "WHERE device_id IN (SELECT device_id FROM stale)) SELECT count(*) AS n FROM stale")
                .bind("cutoff", clock.instant().minus(retention))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofMinutes(1));
        if (deleted != null && deleted > 0) {
            expired.increment(deleted);
            log.info("Deleted {} push channels not registered again within {}", deleted, retention);
        }
    }
}
