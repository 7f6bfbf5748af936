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

@RestController
class OfficialSessionController {

    private final OfficialAccounts accounts;
    private final BearerTokens tokens;
    private final UploadProperties properties;
    private final Clock clock;

    OfficialSessionController(OfficialAccounts accounts, BearerTokens tokens, UploadProperties properties, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/v1/official/session")
    Mono<OfficialSession> login(@Valid @RequestBody OfficialLogin login) {
        return accounts.authenticate(login.username(), login.password())
                .flatMap(valid -> {
                    if (!valid) {
                        return Mono.error(Problems.unauthorized("Unknown user or wrong password"));
                    }
                    Instant expiresAt = clock.instant().plus(properties.officialSessionValidity());
                    return Mono.just(new OfficialSession(
                            tokens.issue(new Principal(Role.OFFICIAL, login.username()), expiresAt), expiresAt));
                });
    }
}
