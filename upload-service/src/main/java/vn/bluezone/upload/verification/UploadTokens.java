package vn.bluezone.upload.verification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.upload.support.SecretHasher;

/** One-time upload tokens, bound to the device that redeemed the code; only their hashes are stored. */
@Component
public class UploadTokens {

    static final String PURPOSE = "upload-token";

    private final DatabaseClient db;
    private final SecretHasher hasher;
    private final Clock clock;

    UploadTokens(DatabaseClient db, SecretHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    Mono<String> issue(UUID deviceId, UploadGrant grant, Instant expiresAt) {
        String token = SecretHasher.randomToken();
        return db.sql("INSERT INTO upload.upload_token "
                        + "(token_hash, case_id, device_id, level, infectious_from_interval, expires_at) "
                        + "VALUES (:h, :c, :d, :l, :i, :e)")
                .bind("h", hasher.hash(PURPOSE, token))
                .bind("c", grant.caseId())
                .bind("d", deviceId)
                .bind("l", grant.level().name())
                .bind("i", grant.infectiousFromInterval())
                .bind("e", expiresAt)
                .then()
                .thenReturn(token);
    }

    /**
     * Marks the token used and returns its grant, atomically; empty when the token is unknown, expired,
     * used, or was issued to another device. Run it in the transaction that publishes the keys, so a
     * failed publish leaves the token usable.
     */
    public Mono<UploadGrant> consume(String token, UUID deviceId) {
        return db.sql("UPDATE upload.upload_token SET used_at = :now "
                        + "WHERE token_hash = :h AND device_id = :d AND used_at IS NULL AND expires_at > :now "
                        + "RETURNING case_id, level, infectious_from_interval")
                .bind("now", clock.instant())
                .bind("h", hasher.hash(PURPOSE, token))
                .bind("d", deviceId)
                .map(row -> new UploadGrant(row.get("case_id", UUID.class),
                        ContactLevel.valueOf(row.get("level", String.class)),
                        row.get("infectious_from_interval", Integer.class)))
                .one();
    }
}
