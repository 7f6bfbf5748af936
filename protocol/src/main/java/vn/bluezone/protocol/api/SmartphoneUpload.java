package vn.bluezone.protocol.api;

import java.time.Instant;
import java.time.LocalDate;

/** The answer to {@code PUT /api/v1/official/adoption/smartphones}: what was stored. */
public record SmartphoneUpload(long uploadId, LocalDate asOf, int provinces, long smartphones, Instant uploadedAt) {
}
