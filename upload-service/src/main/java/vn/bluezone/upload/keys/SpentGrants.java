package vn.bluezone.upload.keys;

import java.time.Clock;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.UploadGrant;

/** The ledger that makes upload grants one-time. */
@Component
class SpentGrants {

    private final DatabaseClient db;
    private final Clock clock;

    SpentGrants(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** True when this call spent the grant; false when it was spent before. */
    Mono<Boolean> spend(UploadGrant grant) {
        return db.sql("INSERT INTO upload.spent_upload_grant (grant_id, device_id, case_id, level, spent_at) "
                        + "VALUES (:g, :d, :c, :l, :at) ON CONFLICT (grant_id) DO NOTHING")
                .bind("g", grant.grantId())
                .bind("d", grant.deviceId())
                .bind("c", grant.caseId())
                .bind("l", grant.level().name())
                .bind("at", clock.instant())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Devices that uploaded keys of this case as its F0. */
    Flux<UUID> caseOrigins(UUID caseId) {
        return db.sql("SELECT DISTINCT device_id FROM upload.spent_upload_grant WHERE case_id = :c AND level = 'F0'")
                .bind("c", caseId)
                .map(row -> row.get("device_id", UUID.class))
                .all();
    }
}
