package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/official/session}. */
public record OfficialLogin(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
}
