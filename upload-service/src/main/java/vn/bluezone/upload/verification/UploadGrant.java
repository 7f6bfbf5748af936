package vn.bluezone.upload.verification;

import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/** What a redeemed upload token allows: publishing keys for this case, from this interval on. */
public record UploadGrant(UUID caseId, ContactLevel level, int infectiousFromInterval) {
}
