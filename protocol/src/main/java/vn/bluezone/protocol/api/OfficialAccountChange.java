package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import vn.bluezone.protocol.auth.OfficialRole;

/**
 * {@code PATCH /api/v1/official/accounts/{username}} (ADMIN): what is given changes, what is null stays.
 * Disabling ends the account's sessions within the gateway's check interval (seconds).
 */
public record OfficialAccountChange(
        @Size(min = MIN_PASSWORD, max = 128) String password,
        @Size(max = 200) String displayName,
        Set<@NotNull OfficialRole> roles,
        Set<@NotNull @Pattern(regexp = "\\d{2}", message = "must be a two-digit province code") String> provinces,
        Boolean disabled) {

    static final String USERNAME = "[a-z0-9._-]{3,64}";
    /** NIST SP 800-63B: length, not composition rules. */
    static final int MIN_PASSWORD = 12;
}
