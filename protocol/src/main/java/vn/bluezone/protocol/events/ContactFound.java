package vn.bluezone.protocol.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A device crossed the risk threshold for a case: F1 through the F0's keys, F2 through the keys of an
 * F1 ({@code viaDeviceId}). At most one per (device, case) and level, and never F2 after F1; an F2
 * may later be followed by an F1 for the same pair (an upgrade). {@code firstExposureInterval} is the
 * earliest interval the device was exposed to the source: an F1's own keys count from there.
 */
public record ContactFound(
        UUID contactId,
        UUID caseId,
        UUID deviceId,
        ContactLevel level,
        UUID viaDeviceId,
        LocalDate exposureDate,
        double weightedMinutes,
        int firstExposureInterval,
        Instant foundAt) {
}
