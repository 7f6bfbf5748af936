package vn.bluezone.gateway;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.stereotype.Component;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.JwtKeys;

/**
 * The identity-assertion keys of each service behind the gateway, found by the address a route
 * sends to: an assertion for the upload-service is worthless at the notify-service, and the other
 * way round, so one compromised service cannot act as a caller at the other.
 */
@Component
class ServiceAssertions {

    private final Map<String, IdentityAssertions> byService;
    private final IdentityAssertions uploadService;

    ServiceAssertions(GatewayProperties properties) {
        String upload = origin(URI.create(properties.uploadServiceUrl()));
        String notify = origin(URI.create(properties.notifyServiceUrl()));
        if (upload.equals(notify)) {
            throw new IllegalStateException("The upload- and notify-service URLs are the same address, " + upload
                    + ": each service needs an address (and identity keys) of its own");
        }
        this.uploadService = assertions(properties.keys().uploadServiceAssertions());
        this.byService = Map.of(upload, uploadService, notify, assertions(properties.keys().notifyServiceAssertions()));
    }

    /** The assertions for the service a route sends to; empty for an address no keys are configured for. */
    Optional<IdentityAssertions> forRoute(Route route) {
        return Optional.ofNullable(byService.get(origin(route.getUri())));
    }

    /** For the gateway's own calls to the upload-service (the account check). */
    IdentityAssertions uploadService() {
        return uploadService;
    }

    private static IdentityAssertions assertions(String keys) {
        return new IdentityAssertions(JwtKeys.parse("identity assertion", keys), Clock.systemUTC());
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase();
    }
}
