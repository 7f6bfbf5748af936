package vn.bluezone.testsupport;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * Lets a test call a service the way the gateway does: a request that names a device or an official
 * in the identity headers also carries the gateway's signed assertion of that caller.
 */
public final class AsGateway {

    private AsGateway() {
    }

    /** The scope of the bootstrap account: every role, national. */
    public static final OfficialScope EVERY_ROLE = new OfficialScope(EnumSet.allOf(OfficialRole.class), Set.of());

    /** The bootstrap official, as the gateway asserts it. */
    public static Principal bootstrapOfficial(String username) {
        return new Principal(Role.OFFICIAL, username, EVERY_ROLE);
    }

    /**
     * Officials are asserted with {@link #EVERY_ROLE}.
     *
     * @param assertionKeys the service's {@code bluezone.identity.assertion-keys}
     */
    public static ExchangeFilterFunction identities(String assertionKeys) {
        return identities(assertionKeys, EVERY_ROLE);
    }

    /** Officials are asserted with {@code officialScope}, as the gateway would for such an account. */
    public static ExchangeFilterFunction identities(String assertionKeys, OfficialScope officialScope) {
        IdentityAssertions assertions = TestKeys.assertions(assertionKeys, Clock.systemUTC());
        return (request, next) -> {
            String device = request.headers().getFirst(GatewayHeaders.DEVICE_ID);
            String official = request.headers().getFirst(GatewayHeaders.OFFICIAL);
            if (device == null && official == null) {
                return next.exchange(request);
            }
            Principal caller = device != null ? new Principal(Role.DEVICE, device) : new Principal(Role.OFFICIAL, official, officialScope);
            return next.exchange(ClientRequest.from(request)
                    .header(GatewayHeaders.ASSERTION, assertions.issue(caller)).build());
        };
    }
}
