package vn.bluezone.protocol.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/official/cases/{caseId}/contacts}. */
public record CaseContacts(UUID caseId, List<Contact> contacts) {

    public record Contact(UUID deviceId, String level, LocalDate exposureDate, double weightedMinutes) {
    }
}
