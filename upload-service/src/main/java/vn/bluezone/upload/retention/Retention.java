package vn.bluezone.upload.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.bluezone.support.retention.RetentionSweeper;
import vn.bluezone.upload.UploadProperties;

/**
 * Forgets on schedule what links people (docs/security.md#retention): cases past the case retention
 * (kept only as counts per day and province), their codes, expired codes, spent grants once no grant
 * could still be used, attempt counts once their window is long over, and audit entries after the
 * audit retention. Every instance runs it; each statement is idempotent. Counts in {@code bluezone_retention_deleted_total{table}}.
 */
@Component
public class Retention {

    private final RetentionSweeper sweeper;
    private final UploadProperties properties;
    private final Clock clock;

    Retention(DatabaseClient db, MeterRegistry meters, UploadProperties properties, Clock clock) {
        this.sweeper = new RetentionSweeper(db, meters);
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bluezone.upload.retention-interval}", initialDelayString = "PT1M")
    void sweep() {
        sweeper.report(sweep(clock.instant()));
    }

    /** One pass as of {@code now} (tests pass a later one); the rows deleted per table. */
    public Map<String, Long> sweep(Instant now) {
        Instant caseCutoff = now.minus(Duration.ofDays(properties.caseRetentionDays()));
        Map<String, Long> deleted = new LinkedHashMap<>();
        // A code that expired can never be redeemed again: nothing to keep it for.
        deleted.put("verification_code", sweeper.deleteBefore("upload.verification_code", "expires_at", now));
        deleted.put("covid_case", sweeper.sweep("covid_case",
                "WITH gone AS (DELETE FROM upload.covid_case WHERE id IN (SELECT id FROM upload.covid_case "
                        + "WHERE created_at < :cutoff LIMIT :slice) RETURNING id, created_at, province_code), "
                        // A code issued late for an old case goes with it (the foreign key is checked at the end).
                        + "codes AS (DELETE FROM upload.verification_code WHERE case_id IN (SELECT id FROM gone)), "
                        + "counted AS (INSERT INTO upload.case_count (day, province_code, cases) "
                        + "SELECT (created_at AT TIME ZONE '" + properties.statisticsZone().getId() + "')::date, province_code, "
                        + "count(*) FROM gone GROUP BY 1, 2 ON CONFLICT (day, province_code) "
                        + "DO UPDATE SET cases = case_count.cases + EXCLUDED.cases) "
                        + "SELECT count(*) AS n FROM gone", caseCutoff));
        // Kept as long as cases: longer than any grant is valid (F1: 14 days), so a spent grant is never reusable.
        deleted.put("spent_upload_grant", sweeper.deleteBefore("upload.spent_upload_grant", "spent_at", caseCutoff));
        Duration longestWindow = Stream.of(properties.loginFailureWindow(), properties.verifyAttemptWindow(),
                properties.registrationWindow()).max(Duration::compareTo).orElseThrow();
        deleted.put("attempt_window", sweeper.deleteBefore("upload.attempt_window", "window_started_at",
                now.minus(longestWindow)));
        deleted.put("audit_event", sweeper.deleteBefore("upload.audit_event", "at",
                now.minus(Duration.ofDays(properties.auditRetentionDays()))));
        return deleted;
    }
}
