package vn.bluezone.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/official/cases/{caseId}}: how far tracing of a case got. {@code keyUploads} lists
 * each key publication (the F0's and its F1s'); {@code lastContactFoundAt} is null until a contact is found.
 */
public record CaseSummary(UUID caseId, long f1Count, long f2Count, List<KeyUpload> keyUploads,
        Instant firstContactFoundAt, Instant lastContactFoundAt) {

    public record KeyUpload(UUID deviceId, String level, Instant publishedAt) {
    }
}
