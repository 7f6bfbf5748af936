package vn.bluezone.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One row of {@code GET /api/v1/official/cases}: a case, how far it got, and how many contacts it reached. */
public record CaseOverview(UUID caseId, String provinceCode, LocalDate testDate, Instant openedAt, Status status,
        Instant codeRedeemedAt, Instant keysUploadedAt, long f1Count, long f2Count) {

    /** How far a case got, each implying the ones before it. */
    public enum Status {
        CODE_ISSUED, CODE_REDEEMED, KEYS_UPLOADED, CONTACTS_FOUND
    }

    /** A page, newest first; {@code nextBefore} is the {@code before} of the next page, null on the last. */
    public record Page(List<CaseOverview> cases, Instant nextBefore) {
    }
}
