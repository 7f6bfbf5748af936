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

    /** Where phones poll (GET). */
    public static final String PATH = "/api/v1/alerts";

    /** The answer for a device without alerts, and its ETag: the same from the gateway and the notify-service. */
    public static final String NO_ALERTS_JSON = "{\"alerts\":[]}";
    public static final String NO_ALERTS_ETAG = "\"none\"";

    public record Alert(UUID alertId, String level, LocalDate exposureDate, double weightedMinutes, Instant createdAt,
            String uploadToken) {
    }
}
