package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code POST /api/v1/verify}: exchange a health official's one-time code for an upload token. Twelve
 * digits, not eight: the space guessing has to search (docs/security.md#code-guessing).
 */
public record VerificationRequest(@NotNull @Pattern(regexp = "\\d{12}", message = "must be 12 digits") String code) {
}
