package vn.bluezone.upload.verification;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.Problems;

/**
 * Officials log in for a session token. Every attempt costs one bcrypt comparison, whether or not the
 * account exists, so the answer's timing does not tell which names exist; after too many failures a
 * name is refused (429) for the rest of the window, from every address (the gateway also limits per address).
 */
@RestController
class OfficialSessionController {

    private final OfficialAccounts accounts;
    private final LoginFailures failures;
    private final BearerTokens tokens;
    private final UploadProperties properties;
    private final Clock clock;

    OfficialSessionController(OfficialAccounts accounts, LoginFailures failures, BearerTokens tokens,
            UploadProperties properties, Clock clock) {
        this.accounts = accounts;
        this.failures = failures;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/v1/official/session")
    Mono<OfficialSession> login(@Valid @RequestBody OfficialLogin login) {
        return failures.lockedFor(login.username())
                .flatMap(locked -> Mono.<Boolean>error(Problems.tooManyRequests(
                        "Too many failed logins for this account; try again later", locked)))
                .switchIfEmpty(Mono.defer(() -> accounts.authenticate(login.username(), login.password())))
                .flatMap(valid -> {
                    if (!valid) {
                        return failures.failed(login.username())
                                .then(Mono.error(Problems.unauthorized("Unknown user or wrong password")));
                    }
                    Instant expiresAt = clock.instant().plus(properties.officialSessionValidity());
                    return failures.succeeded(login.username()).thenReturn(new OfficialSession(
                            tokens.issue(new Principal(Role.OFFICIAL, login.username()), expiresAt), expiresAt));
                });
    }
}
