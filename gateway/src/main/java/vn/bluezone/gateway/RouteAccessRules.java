package vn.bluezone.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.stereotype.Component;

/**
 * Authorization fails closed: the gateway does not start while any route lacks an access rule
 * ({@code metadata.auth}: none, device, official or portal), and {@link AuthenticationFilter} refuses a request
 * on a route whose rule it does not know. A new route is never public by omission, and a route for
 * callers must send to a service the gateway has identity-assertion keys for.
 */
@Component
class RouteAccessRules implements SmartInitializingSingleton {

    /**
     * Who may call: devices; officials (bearer token, or the portal's cookie); portal pages (officials,
     * and a GET without a session is sent to the login page).
     */
    static final Set<String> RULES = Set.of("device", "official", "portal");

    private final RouteLocator routes;
    private final ServiceAssertions assertions;

    RouteAccessRules(RouteLocator routes, ServiceAssertions assertions) {
        this.routes = routes;
        this.assertions = assertions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> withoutRule = routes.getRoutes()
                .filter(route -> !hasRule(route))
                .map(Route::getId)
                .collectList()
                .block(Duration.ofSeconds(30));
        if (withoutRule != null && !withoutRule.isEmpty()) {
            throw new IllegalStateException("Routes without an access rule (metadata.auth: none, device, official or portal): "
                    + withoutRule);
        }
        List<String> withoutKeys = routes.getRoutes()
                .filter(route -> !"none".equals(route.getMetadata().get("auth")) && assertions.forRoute(route).isEmpty())
                .map(Route::getId)
                .collectList()
                .block(Duration.ofSeconds(30));
        if (withoutKeys != null && !withoutKeys.isEmpty()) {
            throw new IllegalStateException("Routes to a service without identity-assertion keys: " + withoutKeys);
        }
    }

    private static boolean hasRule(Route route) {
        Object auth = route.getMetadata().get("auth");
        return auth != null && ("none".equals(auth) || RULES.contains(auth));
    }
}
