package vn.bluezone.upload.adoption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.upload.UploadProperties;

/**
 * Closes days of device activity: once a day of the statistics zone has ended (and a grace period for
 * events still in flight has passed), counts per province the devices active that day and in the 7 days
 * ending with it, marks the day closed, and forgets the device rows no later window needs. Every
 * instance runs it; a day is closed once (the marker's key), in one transaction with its counts.
 */
@Component
public class ActivityDays {

    /** Days a device row is needed for: the 7-day window of each later day. */
    static final int WINDOW_DAYS = 7;
    private static final Logger log = LoggerFactory.getLogger(ActivityDays.class);
    private static final Duration GRACE = Duration.ofMinutes(30);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final UploadProperties properties;
    private final Clock clock;

    ActivityDays(DatabaseClient db, TransactionalOperator transaction, UploadProperties properties, Clock clock) {
        this.db = db;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** How a device's province is stored: '' for none, so the key never holds a null. */
    static String provinceKey(DeviceActive active) {
        return active.provinceCode() == null ? "" : active.provinceCode();
    }

    @Scheduled(fixedDelayString = "${bluezone.upload.activity-close-interval}",
            initialDelayString = "${bluezone.upload.adoption-jobs-delay}")
    void closeEndedDays() {
        closeDaysEndedBy(clock.instant()).block(Duration.ofMinutes(5));
    }

    /** Closes every ended day that has activity and is not closed yet, oldest first; the days closed. */
    public Mono<Long> closeDaysEndedBy(Instant now) {
        LocalDate lastEnded = LocalDate.ofInstant(now.minus(GRACE), properties.statisticsZone()).minusDays(1);
        return db.sql("SELECT DISTINCT day FROM upload.device_activity WHERE day <= :last "
                        + "AND day NOT IN (SELECT day FROM upload.closed_activity_day) ORDER BY day")
                .bind("last", lastEnded)
                .map(row -> row.get("day", LocalDate.class))
                .all()
                .concatMap(day -> close(day, now).thenReturn(day))
                .doOnNext(day -> log.info("Activity of {} counted", day))
                .count();
    }

    private Mono<Void> close(LocalDate day, Instant now) {
        Mono<Long> marked = db.sql("INSERT INTO upload.closed_activity_day (day, closed_at) VALUES (:day, :at) "
                        + "ON CONFLICT DO NOTHING")
                .bind("day", day).bind("at", now).fetch().rowsUpdated();
        Mono<Void> counted = db.sql("INSERT INTO upload.activity_count (day, province_code, active_devices, active_7_days) "
                        + "SELECT :day, province_code, count(*) FILTER (WHERE day = :day), count(DISTINCT device_id) "
                        + "FROM upload.device_activity WHERE day > :from AND day <= :day GROUP BY province_code")
                .bind("day", day).bind("from", day.minusDays(WINDOW_DAYS)).then();
        // No later day's window reaches back this far.
        Mono<Void> forgotten = db.sql("DELETE FROM upload.device_activity WHERE day <= :oldest")
                .bind("oldest", day.minusDays(WINDOW_DAYS - 1)).then();
        // Another instance that closed the day first wins; this one then changes nothing.
        return marked.flatMap(rows -> rows == 0 ? Mono.<Void>empty() : counted.then(forgotten))
                .as(transaction::transactional);
    }
}
