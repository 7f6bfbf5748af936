package vn.bluezone.protocol.api;

import java.time.Instant;
import java.util.List;

/** One entry of {@code GET /api/v1/official/audit} (ADMIN): who did what to which case or account, when, from where. */
public record AuditEvent(long id, Instant at, String actor, String clientAddress, String action, String target,
        String provinceCode, String detail) {

    /** A page, newest first; {@code nextBefore} is the {@code before} of the next page, null on the last. */
    public record Page(List<AuditEvent> events, Long nextBefore) {
    }
}
