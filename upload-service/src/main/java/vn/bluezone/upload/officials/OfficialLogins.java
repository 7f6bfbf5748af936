package vn.bluezone.upload.officials;

import java.time.Clock;
import java.time.Instant;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.audit.AuditLog;
import vn.bluezone.upload.support.AttemptWindows;
import vn.bluezone.upload.support.Problems;

/**
 * Officials log in for a session token, through the API or the portal. Every attempt costs one bcrypt
 * comparison, whether or not the account exists, so the answer's timing does not tell which names
 * exist; after too many failures a name is refused (429) for the rest of the window, from every address
 * (the gateway also limits per address).
 */
@Component
public class OfficialLogins {

    private final OfficialAccounts accounts;
    private final AttemptWindows attempts;
    private final AttemptWindows.Limit failedLogins;
    private final BearerTokens tokens;
    private final UploadProperties properties;
    private final Clock clock;
    private final AuditLog audit;

    OfficialLogins(OfficialAccounts accounts, AttemptWindows attempts, BearerTokens tokens, UploadProperties properties,
            Clock clock, AuditLog audit) {
        this.accounts = accounts;
        this.attempts = attempts;
        // Per account name, whether or not it exists, so being refused tells nothing about which exist.
        this.failedLogins = new AttemptWindows.Limit("login-account", properties.loginFailuresPerAccount(),
                properties.loginFailureWindow());
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
    }

    /** A session token; 401 for a wrong name or password, 429 while the name is locked. */
    public Mono<OfficialSession> login(OfficialLogin login, ServerHttpRequest request) {
        return attempts.exceeded(failedLogins, login.username())
                .flatMap(locked -> Mono.<Boolean>error(Problems.tooManyRequests(
                        "Too many failed logins for this account; try again later", locked)))
                .switchIfEmpty(Mono.defer(() -> accounts.authenticate(login.username(), login.password())))
                .flatMap(valid -> {
                    if (!valid) {
                        return attempts.record(failedLogins, login.username())
                                .then(Mono.error(Problems.unauthorized("Unknown user or wrong password")));
                    }
                    Instant expiresAt = clock.instant().plus(properties.officialSessionValidity());
                    return attempts.reset(failedLogins, login.username())
                            .then(audit.record(login.username(), request, AuditLog.Action.ACCOUNT_LOGGED_IN,
                                    login.username(), null, null))
                            .thenReturn(new OfficialSession(
                                    tokens.issue(new Principal(Role.OFFICIAL, login.username()), expiresAt), expiresAt));
                });
    }
}
