package vn.bluezone.notify.push;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The queued pushes (notify.push_delivery); rows are written with the alert, see AlertInbox. */
@Component
class PushOutbox {

    /** A claimed push, with the device's current channel (null when it was removed since). */
    record Claimed(long id, UUID deviceId, int attempts, Instant queuedAt, PushTarget target) {
    }

    private final DatabaseClient db;

    PushOutbox(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Claims up to {@code limit} due pushes: their due time moves {@code lease} ahead, so if this instance
     * dies before it settles them, another instance sends them after the lease. SKIP LOCKED lets instances
     * claim side by side without waiting on each other.
     */
    Flux<Claimed> claim(int limit, Duration lease) {
        return db.sql("WITH due AS (SELECT id FROM notify.push_delivery WHERE due_at <= now() ORDER BY due_at "
                        + "LIMIT :limit FOR UPDATE SKIP LOCKED), "
                        + "claimed AS (UPDATE notify.push_delivery d SET attempts = d.attempts + 1, "
                        + "due_at = now() + make_interval(secs => :lease) FROM due WHERE d.id = due.id "
                        + "RETURNING d.id, d.device_id, d.attempts, d.created_at) "
                        + "SELECT claimed.id, claimed.device_id, claimed.attempts, claimed.created_at, c.channel, c.token "
                        + "FROM claimed LEFT JOIN notify.push_channel c ON c.device_id = claimed.device_id")
                .bind("limit", limit)
                .bind("lease", (double) lease.toMillis() / 1000)
                .map(row -> {
                    UUID deviceId = row.get("device_id", UUID.class);
                    String channel = row.get("channel", String.class);
                    PushTarget target = channel == null ? null : new PushTarget(deviceId, channel,
                            row.get("token", String.class));
                    return new Claimed(row.get("id", Long.class), deviceId, row.get("attempts", Integer.class),
                            row.get("created_at", Instant.class), target);
                })
                .all();
    }

    /** The pushes are settled (sent, or never sendable). */
    Mono<Void> remove(List<Long> ids) {
        return db.sql("DELETE FROM notify.push_delivery WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .then();
    }

    /** The pushes are tried again after {@code delay}. */
    Mono<Void> retryAfter(List<Long> ids, Duration delay) {
        return db.sql("UPDATE notify.push_delivery SET due_at = now() + make_interval(secs => :delay) WHERE id = ANY(:ids)")
                .bind("delay", (double) delay.toMillis() / 1000)
                .bind("ids", ids.toArray(Long[]::new))
                .then();
    }

    Mono<Long> pending() {
        return db.sql("SELECT count(*) AS pending FROM notify.push_delivery")
                .map(row -> row.get("pending", Long.class))
                .one();
    }
}
