package vn.bluezone.upload.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Attempts per key in a fixed window, in PostgreSQL so a limit holds across every gateway and service
 * instance: one atomic upsert per attempt, no read-then-write race between concurrent requests. Keys
 * are stored as keyed hashes.
 */
@Component
public class AttemptWindows {

    /** What is counted, how often it may happen, and over how long. */
    public record Limit(String purpose, int attempts, Duration window) {
    }

    private final DatabaseClient db;
    private final SecretHasher hasher;
    private final Clock clock;

    AttemptWindows(DatabaseClient db, SecretHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Counts one attempt. Empty when it is within the limit; else how long until the window ends
     * (the attempt is counted either way, so hammering does not help).
     */
    public Mono<Duration> take(Limit limit, String key) {
        Instant now = clock.instant();
        return count(limit, key, now)
                .filter(window -> window.attempts() > limit.attempts())
                .map(window -> Duration.between(now, window.startedAt().plus(limit.window())));
    }

    /** How long the key is still over the limit; empty when it may try. Counts nothing. */
    public Mono<Duration> exceeded(Limit limit, String key) {
        Instant now = clock.instant();
        return db.sql("SELECT window_started_at FROM upload.attempt_window WHERE purpose = :p AND key_hash = :h "
                        + "AND attempts >= :max AND window_started_at > :since")
                .bind("p", limit.purpose())
                .bind("h", hasher.hash(limit.purpose(), key))
                .bind("max", limit.attempts())
                .bind("since", now.minus(limit.window()))
                .map(row -> Duration.between(now, row.get("window_started_at", Instant.class).plus(limit.window())))
                .one();
    }

    /** Counts one attempt, whatever the count. */
    public Mono<Void> record(Limit limit, String key) {
        return count(limit, key, clock.instant()).then();
    }

    /** Forgets the key's attempts (a successful login). */
    public Mono<Void> reset(Limit limit, String key) {
        return db.sql("DELETE FROM upload.attempt_window WHERE purpose = :p AND key_hash = :h")
                .bind("p", limit.purpose())
                .bind("h", hasher.hash(limit.purpose(), key))
                .then();
    }

    private record Window(Instant startedAt, int attempts) {
    }

    private Mono<Window> count(Limit limit, String key, Instant now) {
        return db.sql("INSERT INTO upload.attempt_window (purpose, key_hash, window_started_at, attempts) "
                        + "VALUES (:p, :h, :now, 1) ON CONFLICT (purpose, key_hash) DO UPDATE SET "
                        + "attempts = CASE WHEN attempt_window.window_started_at > :since THEN attempt_window.attempts + 1 ELSE 1 END, "
                        + "window_started_at = CASE WHEN attempt_window.window_started_at > :since "
                        + "THEN attempt_window.window_started_at ELSE :now END "
                        + "RETURNING window_started_at, attempts")
                .bind("p", limit.purpose())
                .bind("h", hasher.hash(limit.purpose(), key))
                .bind("now", now)
                .bind("since", now.minus(limit.window()))
                .map(row -> new Window(row.get("window_started_at", Instant.class), row.get("attempts", Integer.class)))
                .one();
    }
}
