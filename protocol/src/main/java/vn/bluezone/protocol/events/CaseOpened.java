package vn.bluezone.protocol.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A health official confirmed a case: what other services need to know it exists (and, for scoping
 * officials' views, where). No name, no device: the case's identity stays in the upload-service.
 */
public record CaseOpened(UUID caseId, String provinceCode, Instant openedAt) {
}
