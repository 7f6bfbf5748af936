package vn.bluezone.protocol.auth;

import java.time.Instant;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * What an upload token allows: one publication of this device's keys for this case, counting from
 * {@code infectiousFromInterval}. {@code grantId} makes it one-time.
 */
public record UploadGrant(String grantId, UUID deviceId, UUID caseId, ContactLevel level, int infectiousFromInterval,
        Instant issuedAt, Instant expiresAt) {
}
