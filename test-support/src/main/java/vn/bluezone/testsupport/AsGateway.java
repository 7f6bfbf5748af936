package vn.bluezone.testsupport;

import java.time.Clock;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * Lets a test call a service the way the gateway does: a request that names a device or an official
 * in the identity headers also carries the gateway's signed assertion of that caller.
 */
public final class AsGateway {

    private AsGateway() {
    }

    /** @param assertionKeys the service's {@code bluezone.identity.assertion-keys} */
    public static ExchangeFilterFunction identities(String assertionKeys) {
        IdentityAssertions assertions = TestKeys.assertions(assertionKeys, Clock.systemUTC());
        return (request, next) -> {
            String device = request.headers().getFirst(GatewayHeaders.DEVICE_ID);
            String official = request.headers().getFirst(GatewayHeaders.OFFICIAL);
            if (device == null && official == null) {
                return next.exchange(request);
            }
            Principal caller = device != null ? new Principal(Role.DEVICE, device) : new Principal(Role.OFFICIAL, official);
            return next.exchange(ClientRequest.from(request)
                    .header(GatewayHeaders.ASSERTION, assertions.issue(caller)).build());
        };
    }
}
