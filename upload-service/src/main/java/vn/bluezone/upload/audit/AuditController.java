package vn.bluezone.upload.audit;

import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.AuditEvent;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.support.web.Callers;
import vn.bluezone.upload.support.Problems;

/** ADMINs search the audit log: by actor, target, action and time, newest first, a page at a time. */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/official/audit")
    Mono<AuditEvent.Page> search(Principal caller,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        Callers.requireOfficial(caller, OfficialRole.ADMIN);
        if (limit < 1 || limit > AuditLog.MAX_PAGE) {
            throw Problems.badRequest("limit: must be 1 to " + AuditLog.MAX_PAGE);
        }
        return log.search(new AuditLog.Query(actor, target, action, from, to, before, limit));
    }
}
