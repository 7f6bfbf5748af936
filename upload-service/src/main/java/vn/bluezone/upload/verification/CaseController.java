package vn.bluezone.upload.verification;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.BulkCaseResult;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.support.web.Callers;

/** A health official confirms positive cases (one, or a CSV of them) and hands their phones one-time codes. */
@RestController
class CaseController {

    private final Cases cases;
    private final BulkCases bulk;

    CaseController(Cases cases, BulkCases bulk) {
        this.cases = cases;
        this.bulk = bulk;
    }

    @PostMapping("/api/v1/official/cases")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CaseCreated> confirm(Principal caller, @Valid @RequestBody CaseRegistration registration,
            ServerHttpRequest request) {
        return cases.open(caller, registration, request);
    }

    /**
     * One case per CSV line ({@code reference,testDate,symptomOnset,provinceCode}); every line gets a
     * result. A line whose reference this official already issued is skipped, so a retry of a file that
     * failed half way issues only the rest.
     */
    @PostMapping(value = "/api/v1/official/cases/bulk", consumes = {"text/csv", "text/plain"})
    Mono<List<BulkCaseResult>> confirmAll(Principal caller, @RequestBody String csv, ServerHttpRequest request) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        return bulk.issue(caller, bulk.parse(csv), request);
    }

    /** Another code for an existing case, e.g. when the first expired or the phone was replaced. */
    @PostMapping("/api/v1/official/cases/{caseId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CaseCreated> newCode(Principal caller, @PathVariable UUID caseId, ServerHttpRequest request) {
        return cases.newCode(caller, caseId, request);
    }

    /** Every live code of the case stops working now (a code given to the wrong person, say). */
    @DeleteMapping("/api/v1/official/cases/{caseId}/codes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> expireCodes(Principal caller, @PathVariable UUID caseId, ServerHttpRequest request) {
        return cases.expireCodes(caller, caseId, request);
    }
}
