package vn.bluezone.upload.verification;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.AttemptWindows;
import vn.bluezone.upload.support.Problems;

/**
 * Officials log in for a session token. Every attempt costs one bcrypt comparison, whether or not the
 * account exists, so the answer's timing does not tell which names exist; after too many failures a
 * name is refused (429) for the rest of the window, from every address (the gateway also limits per address).
 */
@RestController
class OfficialSessionController {

    private final OfficialAccounts accounts;
    private final AttemptWindows attempts;
    private final AttemptWindows.Limit failedLogins;
    private final BearerTokens tokens;
    private final UploadProperties properties;
    private final Clock clock;

    OfficialSessionController(OfficialAccounts accounts, AttemptWindows attempts, BearerTokens tokens,
            UploadProperties properties, Clock clock) {
        this.accounts = accounts;
        this.attempts = attempts;
        // Per account name, whether or not it exists, so being refused tells nothing about which exist.
        this.failedLogins = new AttemptWindows.Limit("login-account", properties.loginFailuresPerAccount(),
                properties.loginFailureWindow());
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * 204 while the calling official's account is active, else 401: the gateway asks this before it
     * acts for an official token, so disabling an account ends its sessions (not routed from outside).
     */
    @GetMapping("/api/v1/official/session")
    Mono<ResponseEntity<Void>> active(@RequestHeader(GatewayHeaders.OFFICIAL) String username) {
        return accounts.isActive(username).flatMap(active -> active ? Mono.just(ResponseEntity.noContent().<Void>build())
                : Mono.error(Problems.unauthorized("This account is disabled or unknown")));
    }

    @PostMapping("/api/v1/official/session")
    Mono<OfficialSession> login(@Valid @RequestBody OfficialLogin login) {
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
                    return attempts.reset(failedLogins, login.username()).thenReturn(new OfficialSession(
                            tokens.issue(new Principal(Role.OFFICIAL, login.username()), expiresAt), expiresAt));
                });
    }
}
