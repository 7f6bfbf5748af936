package vn.bluezone.protocol.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/official/cases/{caseId}/contacts}. */
public record CaseContacts(UUID caseId, List<Contact> contacts) {

    /** {@code viaDeviceId}: for an F2, the F1 it was reached through; null for an F1. */
    public record Contact(UUID deviceId, String level, UUID viaDeviceId, LocalDate exposureDate, double weightedMinutes) {
    }
}
