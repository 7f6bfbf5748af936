package vn.bluezone.upload.officials;

import jakarta.validation.Valid;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.OfficialAccount;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.upload.support.Problems;

/** Officials log in for a session token (see {@link OfficialLogins}) and ask whose session it is. */
@RestController
class OfficialSessionController {

    private final OfficialAccounts accounts;
    private final OfficialLogins logins;

    OfficialSessionController(OfficialAccounts accounts, OfficialLogins logins) {
        this.accounts = accounts;
        this.logins = logins;
    }

    /**
     * The calling official's account while it is active, else 401. The gateway asks this before it acts
     * for an official token and asserts the roles and provinces it answers, so disabling or editing an
     * account holds for its sessions within seconds; the portal shows it as "signed in as".
     */
    @GetMapping("/api/v1/official/session")
    Mono<OfficialAccount> active(Principal caller) {
        if (caller.role() != Role.OFFICIAL) {
            throw Problems.forbidden("This endpoint is for official tokens");
        }
        return accounts.active(caller.subject())
                .switchIfEmpty(Mono.error(() -> Problems.unauthorized("This account is disabled or unknown")));
    }

    @PostMapping("/api/v1/official/session")
    Mono<OfficialSession> login(@Valid @RequestBody OfficialLogin login, ServerHttpRequest request) {
        return logins.login(login, request);
    }
}
