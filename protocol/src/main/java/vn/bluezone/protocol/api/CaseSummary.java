package vn.bluezone.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/official/cases/{caseId}}: how far tracing of a case got, and its timeline.
 * {@code keyUploads} lists each key publication (the F0's and its F1s'); a moment that has not happened
 * yet is null ({@code lastContactFoundAt} until a contact is found, say).
 */
public record CaseSummary(UUID caseId, long f1Count, long f2Count, List<KeyUpload> keyUploads,
        Instant firstContactFoundAt, Instant lastContactFoundAt, String provinceCode, LocalDate testDate,
        Instant openedAt, Instant codeRedeemedAt, Instant firstF1FoundAt, Instant firstAlertDeliveredAt,
        CaseOverview.Status status) {

    public record KeyUpload(UUID deviceId, String level, Instant publishedAt) {
    }
}
