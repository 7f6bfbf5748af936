package vn.bluezone.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/alerts}: the calling device's own alerts. An F1 alert carries a one-time
 * {@code uploadToken} for {@code POST /api/v1/diagnosis-keys}, so the F1's contacts can be found (F2).
 * <p>
 * Every answer is padded to a multiple of {@value #SIZE_BUCKET} bytes, so someone who sees only the
 * size of the (encrypted) answer cannot tell a phone with up to about three alerts from one with none.
 */
public record AlertList(List<Alert> alerts, String padding) {

    /** Where phones poll (GET). */
    public static final String PATH = "/api/v1/alerts";

    /** Answers are this many bytes, or a multiple of it. */
    public static final int SIZE_BUCKET = 2048;

    /** The answer for a device without alerts, and its ETag: the same from the gateway and the notify-service. */
    public static final String NO_ALERTS_JSON = padded("{\"alerts\":[],\"padding\":\"", "\"}");
    /** As long as every other version's ETag (16 bytes of a hash in hex), so its length tells nothing either. */
    public static final String NO_ALERTS_ETAG = "\"00000000000000000000000000000000\"";

    /** Unpadded, for building; what is sent is {@link #paddedFrom(int)}. */
    public AlertList(List<Alert> alerts) {
        this(alerts, "");
    }

    /**
     * This list with the padding that brings its JSON to the next multiple of {@value #SIZE_BUCKET} bytes.
     *
     * @param jsonLength the UTF-8 length of this list's JSON as it is now
     */
    public AlertList paddedFrom(int jsonLength) {
        return new AlertList(alerts, padding + "-".repeat(paddingFor(jsonLength)));
    }

    private static int paddingFor(int length) {
        int over = length % SIZE_BUCKET;
        return over == 0 ? 0 : SIZE_BUCKET - over;
    }

    private static String padded(String head, String tail) {
        return head + "-".repeat(paddingFor(head.length() + tail.length())) + tail;
    }

    public record Alert(UUID alertId, String level, LocalDate exposureDate, double weightedMinutes, Instant createdAt,
            String uploadToken) {
    }
}
