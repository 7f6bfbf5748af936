package vn.bluezone.upload.verification;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.SecretHasher;

/** Health officials' accounts: bcrypt password hashes, the first account bootstrapped from configuration. */
@Component
class OfficialAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OfficialAccounts.class);

    private final DatabaseClient db;
    private final PasswordEncoder passwords;
    private final UploadProperties properties;
    private final Clock clock;
    /** Compared against when the account does not exist, so both answers cost one bcrypt comparison. */
    private final String unknownAccountHash;

    OfficialAccounts(DatabaseClient db, PasswordEncoder passwords, UploadProperties properties, Clock clock) {
        this.db = db;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.unknownAccountHash = passwords.encode(SecretHasher.randomToken());
    }

    @Override
    public void run(ApplicationArguments args) {
        String user = properties.bootstrapOfficialUser();
        String password = properties.bootstrapOfficialPassword();
        if (!StringUtils.hasText(user) || !StringUtils.hasText(password)) {
            log.info("No bootstrap official account configured");
            return;
        }
        db.sql("INSERT INTO upload.official (username, password_hash, created_at) VALUES (:u, :h, :at) "
                        + "ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash")
                .bind("u", user)
                .bind("h", passwords.encode(password))
                .bind("at", clock.instant())
                .then()
                .block();
        log.info("Bootstrap official account '{}' is ready", user);
    }

    /**
     * Completes with true only for a known, enabled user with the right password; one bcrypt comparison
     * either way, so neither the answer nor its time tells which names exist or are disabled.
     */
    Mono<Boolean> authenticate(String username, String password) {
        return db.sql("SELECT password_hash FROM upload.official WHERE username = :u AND disabled_at IS NULL")
                .bind("u", username)
                .map(row -> Optional.of(row.get("password_hash", String.class)))
                .one()
                .defaultIfEmpty(Optional.empty())
                // bcrypt is deliberately slow: keep it off the event loop.
                .publishOn(Schedulers.boundedElastic())
                .map(hash -> passwords.matches(password, hash.orElse(unknownAccountHash)) && hash.isPresent());
    }

    /** Whether the account exists and is not disabled: its tokens are honoured only while it is. */
    Mono<Boolean> isActive(String username) {
        return db.sql("SELECT 1 FROM upload.official WHERE username = :u AND disabled_at IS NULL")
                .bind("u", username)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }
}
