package vn.bluezone.notify.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.bluezone.notify.NotifyProperties;
import vn.bluezone.support.retention.RetentionSweeper;

/**
 * Forgets on schedule what links people (docs/security.md#retention): alerts, key-upload records,
 * known cases and their redemptions past the case retention. Push channels have their own job. Every
 * instance runs it; each statement is idempotent.
 */
@Component
public class Retention {

    private final RetentionSweeper sweeper;
    private final NotifyProperties properties;
    private final Clock clock;

    Retention(DatabaseClient db, MeterRegistry meters, NotifyProperties properties, Clock clock) {
        this.clock = clock;
        this.sweeper = new RetentionSweeper(db, meters);
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${bluezone.notify.retention-interval}", initialDelayString = "PT1M")
    void sweep() {
        sweeper.report(sweep(clock.instant()));
    }

    /** One pass as of {@code now} (tests pass a later one); the rows deleted per table. */
    public Map<String, Long> sweep(Instant now) {
        Instant caseCutoff = now.minus(Duration.ofDays(properties.caseRetentionDays()));
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("alert", sweeper.deleteBefore("notify.alert", "created_at", caseCutoff));
        deleted.put("key_upload", sweeper.deleteBefore("notify.key_upload", "published_at", caseCutoff));
        deleted.put("known_case", sweeper.deleteBefore("notify.known_case", "opened_at", caseCutoff));
        deleted.put("case_redemption", sweeper.deleteBefore("notify.case_redemption", "redeemed_at", caseCutoff));
        return deleted;
    }
}
