package vn.bluezone.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/alerts}: the calling device's own alerts. */
public record AlertList(List<Alert> alerts) {

    public record Alert(UUID alertId, String level, LocalDate exposureDate, double weightedMinutes, Instant createdAt) {
    }
}
