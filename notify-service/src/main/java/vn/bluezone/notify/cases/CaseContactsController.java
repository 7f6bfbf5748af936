package vn.bluezone.notify.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import vn.bluezone.notify.alerts.AlertInbox;
import vn.bluezone.protocol.api.CaseContacts;
import vn.bluezone.protocol.api.CaseOverview;
import vn.bluezone.protocol.api.CaseSummary;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.support.web.Callers;

/**
 * Health officials list their provinces' cases and follow who each case's keys reached, and how far
 * tracing got. Another province's case is as unknown to them as one that never existed (404).
 */
@RestController
class CaseContactsController {

    private final AlertInbox inbox;
    private final KeyUploads keyUploads;
    private final KnownCases cases;
    private final CaseProgress progress;

    CaseContactsController(AlertInbox inbox, KeyUploads keyUploads, KnownCases cases, CaseProgress progress) {
        this.inbox = inbox;
        this.keyUploads = keyUploads;
        this.cases = cases;
        this.progress = progress;
    }

    /** 404 for an id the upload-service never opened (or whose retention ended), and for another province's case. */
    private Mono<Void> visible(Principal caller, UUID caseId) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        return cases.provinceOf(caseId).filter(province -> caller.scope().covers(province.orElse(null)))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId)))
                .then();
    }

    /** Newest first; {@code province} narrows to some of the caller's provinces (all of them by default). */
    @GetMapping("/api/v1/official/cases")
    Mono<CaseOverview.Page> list(Principal caller,
            @RequestParam(required = false) Set<String> province,
            @RequestParam(required = false) LocalDate testedFrom,
            @RequestParam(required = false) LocalDate testedTo,
            @RequestParam(required = false) CaseOverview.Status status,
            @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "50") int limit) {
        Callers.requireOfficial(caller, OfficialRole.HEALTH_OFFICIAL);
        if (limit < 1 || limit > CaseProgress.MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: must be 1 to " + CaseProgress.MAX_PAGE);
        }
        boolean national = caller.scope().national();
        if (province != null && !province.isEmpty() && !province.stream().allMatch(caller.scope()::covers)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "province: not all of these are this account's provinces");
        }
        Set<String> provinces = province != null && !province.isEmpty() ? province
                : national ? null : caller.scope().provinces();
        return progress.list(new CaseProgress.Query(provinces, testedFrom, testedTo, status, before, limit));
    }

    @GetMapping("/api/v1/official/cases/{caseId}/contacts")
    Mono<CaseContacts> contacts(Principal caller, @PathVariable UUID caseId) {
        return visible(caller, caseId).thenMany(inbox.ofCase(caseId))
                .map(alert -> new CaseContacts.Contact(alert.deviceId(), alert.level(), alert.viaDeviceId(),
                        alert.exposureDate(), alert.weightedMinutes()))
                .collectList()
                .map(contacts -> new CaseContacts(caseId, contacts));
    }

    @GetMapping("/api/v1/official/cases/{caseId}")
    Mono<CaseSummary> summary(Principal caller, @PathVariable UUID caseId) {
        return visible(caller, caseId).then(Mono.zip(progress.timeline(caseId), keyUploads.ofCase(caseId).collectList()))
                .map(both -> {
                    CaseProgress.Timeline timeline = both.getT1();
                    CaseOverview overview = timeline.overview();
                    return new CaseSummary(caseId, overview.f1Count(), overview.f2Count(), both.getT2(),
                            timeline.firstContactFoundAt(), timeline.lastContactFoundAt(), overview.provinceCode(),
                            overview.testDate(), overview.openedAt(), overview.codeRedeemedAt(), timeline.firstF1FoundAt(),
                            timeline.firstAlertDeliveredAt(), overview.status());
                });
    }
}
