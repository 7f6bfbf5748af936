package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/v1/verify}: exchange a health official's one-time code for an upload token. */
public record VerificationRequest(@NotNull @Pattern(regexp = "\\d{8}", message = "must be 8 digits") String code) {
}
