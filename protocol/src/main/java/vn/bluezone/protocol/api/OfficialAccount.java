package vn.bluezone.protocol.api;

import java.time.Instant;
import java.util.Set;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;

/**
 * An official's account as ADMINs list it, and as {@code GET /api/v1/official/session} tells its owner
 * (and the gateway, which asserts the roles and provinces to the services). Never its password hash.
 */
public record OfficialAccount(String username, String displayName, Set<OfficialRole> roles, Set<String> provinces,
        Instant createdAt, Instant updatedAt, Instant disabledAt) {

    public OfficialScope scope() {
        return new OfficialScope(roles, provinces);
    }
}
