package vn.bluezone.upload.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.SecretHasher;

/**
 * Failed logins per account name, in PostgreSQL so the limit holds across every gateway and service
 * instance and every client address. Names that do not exist are counted exactly like those that do,
 * so being refused tells an attacker nothing about which accounts exist.
 */
@Component
class LoginFailures {

    static final String PURPOSE = "login-account";

    private final DatabaseClient db;
    private final SecretHasher hasher;
    private final UploadProperties properties;
    private final Clock clock;

    LoginFailures(DatabaseClient db, SecretHasher hasher, UploadProperties properties, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.properties = properties;
        this.clock = clock;
    }

    /** How long the account name is still refused; empty when it may try. */
    Mono<Duration> lockedFor(String username) {
        Instant now = clock.instant();
        return db.sql("SELECT window_started_at FROM upload.login_failure WHERE account_hash = :h AND failures >= :max "
                        + "AND window_started_at > :since")
                .bind("h", hasher.hash(PURPOSE, username))
                .bind("max", properties.loginFailuresPerAccount())
                .bind("since", now.minus(properties.loginFailureWindow()))
                .map(row -> Duration.between(now, row.get("window_started_at", Instant.class).plus(properties.loginFailureWindow())))
                .one();
    }

    Mono<Void> failed(String username) {
        Instant now = clock.instant();
        return db.sql("INSERT INTO upload.login_failure (account_hash, window_started_at, failures) VALUES (:h, :now, 1) "
                        + "ON CONFLICT (account_hash) DO UPDATE SET "
                        + "failures = CASE WHEN login_failure.window_started_at > :since THEN login_failure.failures + 1 ELSE 1 END, "
                        + "window_started_at = CASE WHEN login_failure.window_started_at > :since "
                        + "THEN login_failure.window_started_at ELSE :now END")
                .bind("h", hasher.hash(PURPOSE, username))
                .bind("now", now)
                .bind("since", now.minus(properties.loginFailureWindow()))
                .then();
    }

    Mono<Void> succeeded(String username) {
        return db.sql("DELETE FROM upload.login_failure WHERE account_hash = :h")
                .bind("h", hasher.hash(PURPOSE, username))
                .then();
    }
}
