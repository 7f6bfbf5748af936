package vn.bluezone.upload.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.UploadGrant;

/** The ledger that makes upload grants one-time. Each call holds a connection for one statement only. */
@Component
class SpentGrants {

    /** The upload that spent a grant, when, and whether Kafka has acknowledged its event. */
    record Spend(UUID uploadId, Instant spentAt, boolean published) {
    }

    private final DatabaseClient db;
    private final Clock clock;

    SpentGrants(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Spends the grant for this upload, or returns the upload that spent it before (the same one when
     * the phone retries an upload whose answer it never got).
     */
    Mono<Spend> spend(UploadGrant grant, UUID uploadId) {
        return db.sql("INSERT INTO upload.spent_upload_grant (grant_id, device_id, case_id, level, spent_at, upload_id) "
                        + "VALUES (:g, :d, :c, :l, :at, :u) "
                        + "ON CONFLICT (grant_id) DO UPDATE SET grant_id = EXCLUDED.grant_id " // a no-op that returns the row
                        + "RETURNING upload_id, spent_at, published_at IS NOT NULL AS published")
                .bind("g", grant.grantId())
                .bind("d", grant.deviceId())
                .bind("c", grant.caseId())
                .bind("l", grant.level().name())
                .bind("at", clock.instant())
                .bind("u", uploadId)
                .map(row -> new Spend(row.get("upload_id", UUID.class), row.get("spent_at", Instant.class),
                        Boolean.TRUE.equals(row.get("published", Boolean.class))))
                .one();
    }

    /** Records that Kafka acknowledged the upload's event, so a retry need not publish it again. */
    Mono<Void> published(UUID uploadId) {
        return db.sql("UPDATE upload.spent_upload_grant SET published_at = :at WHERE upload_id = :u AND published_at IS NULL")
                .bind("at", clock.instant())
                .bind("u", uploadId)
                .then();
    }

    /** Devices that uploaded keys of this case as its F0. */
    Flux<UUID> caseOrigins(UUID caseId) {
        return db.sql("SELECT DISTINCT device_id FROM upload.spent_upload_grant WHERE case_id = :c AND level = 'F0'")
                .bind("c", caseId)
                .map(row -> row.get("device_id", UUID.class))
                .all();
    }
}
