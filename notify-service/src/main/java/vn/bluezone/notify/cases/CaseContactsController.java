package vn.bluezone.notify.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import vn.bluezone.notify.alerts.AlertInbox;
import vn.bluezone.protocol.api.CaseContacts;
import vn.bluezone.protocol.api.CaseSummary;

/** Health officials follow who a case's keys reached, and how far tracing got. */
@RestController
class CaseContactsController {

    private final AlertInbox inbox;
    private final KeyUploads keyUploads;
    private final KnownCases cases;

    CaseContactsController(AlertInbox inbox, KeyUploads keyUploads, KnownCases cases) {
        this.inbox = inbox;
        this.keyUploads = keyUploads;
        this.cases = cases;
    }

    /** 404 for an id the upload-service never opened (or whose retention ended), not an empty answer. */
    private Mono<Void> known(UUID caseId) {
        return cases.exists(caseId).flatMap(exists -> exists ? Mono.<Void>empty()
                : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId)));
    }

    @GetMapping("/api/v1/official/cases/{caseId}/contacts")
    Mono<CaseContacts> contacts(@PathVariable UUID caseId) {
        return known(caseId).thenMany(inbox.ofCase(caseId))
                .map(alert -> new CaseContacts.Contact(alert.deviceId(), alert.level(), alert.viaDeviceId(),
                        alert.exposureDate(), alert.weightedMinutes()))
                .collectList()
                .map(contacts -> new CaseContacts(caseId, contacts));
    }

    @GetMapping("/api/v1/official/cases/{caseId}")
    Mono<CaseSummary> summary(@PathVariable UUID caseId) {
        Mono<List<AlertInbox.StoredAlert>> alerts = inbox.ofCase(caseId).collectList();
        Mono<List<CaseSummary.KeyUpload>> uploads = keyUploads.ofCase(caseId).collectList();
        return known(caseId).then(Mono.zip(alerts, uploads)).map(both -> {
            List<AlertInbox.StoredAlert> found = both.getT1();
            return new CaseSummary(caseId,
                    found.stream().filter(a -> "F1".equals(a.level())).count(),
                    found.stream().filter(a -> "F2".equals(a.level())).count(),
                    both.getT2(),
                    found.stream().map(AlertInbox.StoredAlert::createdAt).min(java.util.Comparator.naturalOrder()).orElse(null),
                    found.stream().map(AlertInbox.StoredAlert::createdAt).max(java.util.Comparator.naturalOrder()).orElse(null));
        });
    }
}
