package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import vn.bluezone.protocol.auth.OfficialRole;

/**
 * {@code POST /api/v1/official/accounts} (ADMIN). Accounts with ADMIN or OPERATOR are national and
 * name no province; every other account names at least one.
 */
public record NewOfficialAccount(
        @NotNull @Pattern(regexp = OfficialAccountChange.USERNAME, message = "must be 3-64 of a-z 0-9 . _ -") String username,
        @NotNull @Size(min = OfficialAccountChange.MIN_PASSWORD, max = 128) String password,
        @Size(max = 200) String displayName,
        @NotEmpty Set<@NotNull OfficialRole> roles,
        @NotNull Set<@NotNull @Pattern(regexp = "\\d{2}", message = "must be a two-digit province code") String> provinces) {
}
