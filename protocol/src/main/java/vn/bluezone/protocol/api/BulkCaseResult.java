package vn.bluezone.protocol.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One line's result of {@code POST /api/v1/official/cases/bulk}. {@code line} counts the header as
 * line 1. An ISSUED line has its case, code and expiry; a SKIPPED line (its reference was issued
 * before) its case only, since a code is shown once; an ERROR line why it was refused.
 */
public record BulkCaseResult(int line, String reference, Outcome outcome, UUID caseId, String verificationCode,
        Instant codeExpiresAt, String error) {

    public enum Outcome {
        ISSUED, SKIPPED, ERROR
    }
}
