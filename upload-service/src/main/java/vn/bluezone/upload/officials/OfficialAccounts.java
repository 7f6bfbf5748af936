package vn.bluezone.upload.officials;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bluezone.protocol.api.OfficialAccount;
import vn.bluezone.protocol.api.OfficialAccountChange;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.SecretHasher;

/**
 * Officials' accounts: bcrypt password hashes, roles and provinces; the first account bootstrapped
 * from configuration as a national ADMIN (who may also confirm cases and read every statistic).
 */
@Component
class OfficialAccounts implements ApplicationRunner {

    static final Set<OfficialRole> BOOTSTRAP_ROLES = EnumSet.allOf(OfficialRole.class);
    private static final Logger log = LoggerFactory.getLogger(OfficialAccounts.class);
    private static final String COLUMNS = "username, display_name, roles, provinces, created_at, updated_at, disabled_at";

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
        db.sql("INSERT INTO upload.official (username, password_hash, roles, created_at) VALUES (:u, :h, :r, :at) "
                        + "ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = EXCLUDED.roles, "
                        + "provinces = '{}'")
                .bind("u", user)
                .bind("h", passwords.encode(password))
                .bind("r", names(BOOTSTRAP_ROLES))
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

    /** The account, if it exists and is not disabled: its tokens are honoured only while it is. */
    Mono<OfficialAccount> active(String username) {
        return find(username).filter(account -> account.disabledAt() == null);
    }

    Mono<OfficialAccount> find(String username) {
        return db.sql("SELECT " + COLUMNS + " FROM upload.official WHERE username = :u").bind("u", username)
                .map(OfficialAccounts::account).one();
    }

    Flux<OfficialAccount> all() {
        return db.sql("SELECT " + COLUMNS + " FROM upload.official ORDER BY username").map(OfficialAccounts::account).all();
    }

    /** Empty when the name is taken. */
    Mono<OfficialAccount> create(String username, String password, String displayName, Set<OfficialRole> roles,
            Set<String> provinces) {
        return Mono.fromCallable(() -> passwords.encode(password)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("INSERT INTO upload.official (username, password_hash, display_name, roles, "
                                + "provinces, created_at) VALUES (:u, :h, :d, :r, :p, :at) ON CONFLICT (username) DO NOTHING "
                                + "RETURNING " + COLUMNS)
                        .bind("u", username)
                        .bind("h", hash)
                        .bind("d", Parameter.fromOrEmpty(displayName, String.class))
                        .bind("r", names(roles))
                        .bind("p", provinces.toArray(String[]::new))
                        .bind("at", clock.instant())
                        .map(OfficialAccounts::account)
                        .one());
    }

    /** Applies what the change gives; empty for an unknown account. */
    Mono<OfficialAccount> update(String username, OfficialAccountChange change) {
        Mono<Optional<String>> hash = change.password() == null ? Mono.just(Optional.empty())
                : Mono.fromCallable(() -> Optional.of(passwords.encode(change.password())))
                        .subscribeOn(Schedulers.boundedElastic());
        Instant now = clock.instant();
        return hash.flatMap(newHash -> db.sql("UPDATE upload.official SET "
                        + "password_hash = coalesce(:h, password_hash), display_name = coalesce(:d, display_name), "
                        + "roles = coalesce(:r, roles), provinces = coalesce(:p, provinces), "
                        + "disabled_at = CASE WHEN :disable THEN coalesce(disabled_at, :at) WHEN :enable THEN NULL "
                        + "ELSE disabled_at END, updated_at = :at WHERE username = :u RETURNING " + COLUMNS)
                .bind("u", username)
                .bind("h", Parameter.fromOrEmpty(newHash.orElse(null), String.class))
                .bind("d", Parameter.fromOrEmpty(change.displayName(), String.class))
                .bind("r", Parameter.fromOrEmpty(change.roles() == null ? null : names(change.roles()), String[].class))
                .bind("p", Parameter.fromOrEmpty(change.provinces() == null ? null
                        : change.provinces().toArray(String[]::new), String[].class))
                .bind("disable", Boolean.TRUE.equals(change.disabled()))
                .bind("enable", Boolean.FALSE.equals(change.disabled()))
                .bind("at", now)
                .map(OfficialAccounts::account)
                .one());
    }

    /** Active accounts holding ADMIN other than {@code username}: an edit may not leave none. */
    Mono<Long> otherActiveAdmins(String username) {
        return db.sql("SELECT count(*) AS n FROM upload.official WHERE username <> :u AND disabled_at IS NULL "
                        + "AND 'ADMIN' = ANY (roles)")
                .bind("u", username).map(row -> row.get("n", Long.class)).one();
    }

    private static String[] names(Set<OfficialRole> roles) {
        return roles.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static OfficialAccount account(io.r2dbc.spi.Readable row) {
        // Roles stored by a newer version and unknown here grant nothing.
        Set<OfficialRole> roles = Arrays.stream(row.get("roles", String[].class))
                .flatMap(name -> Arrays.stream(OfficialRole.values()).filter(role -> role.name().equals(name)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OfficialRole.class)));
        return new OfficialAccount(row.get("username", String.class), row.get("display_name", String.class), roles,
                Set.of(row.get("provinces", String[].class)), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class), row.get("disabled_at", Instant.class));
    }
}
