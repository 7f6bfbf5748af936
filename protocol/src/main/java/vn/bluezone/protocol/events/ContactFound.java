package vn.bluezone.protocol.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A device crossed the risk threshold for a case. At most one per (device, case) and level. */
public record ContactFound(
        UUID contactId,
        UUID caseId,
        UUID deviceId,
        ContactLevel level,
        LocalDate exposureDate,
        double weightedMinutes,
        Instant foundAt) {
}
