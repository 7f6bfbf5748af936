package vn.bluezone.protocol.api;

import java.time.Instant;
import java.util.UUID;

public record CaseCreated(UUID caseId, String verificationCode, Instant codeExpiresAt) {
}
