package vn.bluezone.notify.contacts;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import vn.bluezone.notify.alerts.AlertInbox;
import vn.bluezone.protocol.api.CaseContacts;

/** Health officials follow who a case's keys reached. */
@RestController
class CaseContactsController {

    private final AlertInbox inbox;

    CaseContactsController(AlertInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/v1/official/cases/{caseId}/contacts")
    Mono<CaseContacts> contacts(@PathVariable UUID caseId) {
        return inbox.ofCase(caseId)
                .map(alert -> new CaseContacts.Contact(alert.deviceId(), alert.level(), alert.exposureDate(),
                        alert.weightedMinutes()))
                .collectList()
                .map(contacts -> new CaseContacts(caseId, contacts));
    }
}
