package vn.bluezone.upload.officials;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.NewOfficialAccount;
import vn.bluezone.protocol.api.OfficialAccount;
import vn.bluezone.protocol.api.OfficialAccountChange;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.support.web.Callers;
import vn.bluezone.upload.audit.AuditLog;
import vn.bluezone.upload.support.Problems;

/**
 * ADMINs create, edit and disable officials' accounts; every change is audited in its transaction.
 * An ADMIN cannot disable or demote the last active ADMIN, so the system is never left without one.
 */
@RestController
class AccountController {

    private final OfficialAccounts accounts;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final AdministrativeUnits provinces;

    AccountController(OfficialAccounts accounts, AuditLog audit, TransactionalOperator transaction,
            AdministrativeUnits provinces) {
        this.accounts = accounts;
        this.audit = audit;
        this.transaction = transaction;
        this.provinces = provinces;
    }

    @GetMapping("/api/v1/official/accounts")
    Flux<OfficialAccount> list(Principal caller) {
        Callers.requireOfficial(caller, OfficialRole.ADMIN);
        return accounts.all();
    }

    @PostMapping("/api/v1/official/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OfficialAccount> create(Principal caller, @Valid @RequestBody NewOfficialAccount account,
            ServerHttpRequest request) {
        Callers.requireOfficial(caller, OfficialRole.ADMIN);
        requireConsistent(account.roles(), account.provinces());
        return accounts.create(account.username(), account.password(), account.displayName(), account.roles(),
                        account.provinces())
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                        "An account named '" + account.username() + "' exists")))
                .flatMap(created -> audit.record(caller, request, AuditLog.Action.ACCOUNT_CREATED, created.username(),
                        null, describe(created.scope())).thenReturn(created))
                .as(transaction::transactional);
    }

    @PatchMapping("/api/v1/official/accounts/{username}")
    Mono<OfficialAccount> update(Principal caller, @PathVariable String username,
            @Valid @RequestBody OfficialAccountChange change, ServerHttpRequest request) {
        Callers.requireOfficial(caller, OfficialRole.ADMIN);
        return accounts.find(username)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account " + username)))
                .flatMap(before -> {
                    Set<OfficialRole> roles = change.roles() != null ? change.roles() : before.roles();
                    Set<String> scoped = change.provinces() != null ? change.provinces() : before.provinces();
                    requireConsistent(roles, scoped);
                    boolean wasActiveAdmin = before.roles().contains(OfficialRole.ADMIN) && before.disabledAt() == null;
                    boolean staysActiveAdmin = roles.contains(OfficialRole.ADMIN) && !Boolean.TRUE.equals(change.disabled());
                    Mono<Void> keepsAnAdmin = !wasActiveAdmin || staysActiveAdmin ? Mono.empty()
                            : accounts.otherActiveAdmins(username).flatMap(others -> others > 0 ? Mono.<Void>empty()
                                    : Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
                                            "This is the last active ADMIN account; make another ADMIN first")));
                    return keepsAnAdmin.then(accounts.update(username, change))
                            .flatMap(after -> audit.record(caller, request, action(before, change), username, null,
                                    changes(before, after, change.password() != null)).thenReturn(after));
                })
                .as(transaction::transactional);
    }

    /** National roles name no province; every other account names known provinces (fails closed). */
    private void requireConsistent(Set<OfficialRole> roles, Set<String> scoped) {
        if (roles.isEmpty()) {
            throw Problems.badRequest("roles: an account needs at least one role");
        }
        boolean national = new OfficialScope(roles, Set.of()).national();
        if (national && !scoped.isEmpty()) {
            throw Problems.badRequest("provinces: ADMIN and OPERATOR accounts are national and name no province");
        }
        if (!national && scoped.isEmpty()) {
            throw Problems.badRequest("provinces: a " + roles.iterator().next() + " account needs at least one province");
        }
        scoped.forEach(code -> Problems.requireProvince(provinces, code, false));
    }

    private static AuditLog.Action action(OfficialAccount before, OfficialAccountChange change) {
        if (Boolean.TRUE.equals(change.disabled()) && before.disabledAt() == null) {
            return AuditLog.Action.ACCOUNT_DISABLED;
        }
        if (Boolean.FALSE.equals(change.disabled()) && before.disabledAt() != null) {
            return AuditLog.Action.ACCOUNT_ENABLED;
        }
        return AuditLog.Action.ACCOUNT_UPDATED;
    }

    /** What changed, for the audit log; a new password is noted, never written. */
    private static String changes(OfficialAccount before, OfficialAccount after, boolean passwordChanged) {
        List<String> changed = new ArrayList<>();
        if (!before.roles().equals(after.roles()) || !before.provinces().equals(after.provinces())) {
            changed.add(describe(before.scope()) + " -> " + describe(after.scope()));
        }
        if ((before.disabledAt() == null) != (after.disabledAt() == null)) {
            changed.add(after.disabledAt() == null ? "enabled" : "disabled");
        }
        if (passwordChanged) {
            changed.add("password set");
        }
        if (!Objects.equals(before.displayName(), after.displayName())) {
            changed.add("display name");
        }
        return changed.isEmpty() ? "no change" : String.join("; ", changed);
    }

    private static String describe(OfficialScope scope) {
        return "roles " + scope.roles() + (scope.provinces().isEmpty() ? "" : " provinces " + scope.provinces());
    }
}
