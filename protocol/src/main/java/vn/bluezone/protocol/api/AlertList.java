package vn.bluezone.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/alerts}: the calling device's own alerts. An F1 alert carries a one-time
 * {@code uploadToken} for {@code POST /api/v1/diagnosis-keys}, so the F1's contacts can be found (F2).
 */
public record AlertList(List<Alert> alerts) {

    public record Alert(UUID alertId, String level, LocalDate exposureDate, double weightedMinutes, Instant createdAt,
            String uploadToken) {
    }
}
