package vn.bluezone.protocol.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A health official confirmed a case: what other services need to know it exists (and, for scoping
 * officials' views, where). No name, no device: the case's identity stays in the upload-service.
 * {@code testDate} is null in events from before it was added.
 */
public record CaseOpened(UUID caseId, String provinceCode, Instant openedAt, LocalDate testDate) implements CaseEvent {

    @Override
    public boolean complete() {
        return caseId != null && openedAt != null;
    }
}
