package vn.bluezone.gateway;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * Verifies the bearer token against the role the route requires and tells the service who called
 * through {@link GatewayHeaders}: the identity header, and the signed assertion the service takes it
 * from. Copies of those headers sent by clients are always removed.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {

    private static final String BEARER = "Bearer ";

    private final BearerTokens tokens;
    private final ServiceAssertions assertions;
    private final OfficialSessions sessions;

    AuthenticationFilter(BearerTokens tokens, ServiceAssertions assertions, OfficialSessions sessions) {
        this.tokens = tokens;
        this.assertions = assertions;
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String required = RouteMetadata.of(exchange, "auth").map(String::valueOf).orElse("");
        if ("none".equals(required)) {
            return chain.filter(withIdentity(exchange, null, null));
        }
        if (!RouteAccessRules.ROLES.contains(required)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "This route has no access rule"); // fail closed
        }
        Optional<Principal> principal = bearerToken(exchange.getRequest().getHeaders()).flatMap(tokens::verify);
        if (principal.isEmpty()) {
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        }
        if (!principal.get().role().name().equalsIgnoreCase(required)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "This endpoint is not for " + principal.get().role()
                    .name().toLowerCase() + " tokens");
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Optional<IdentityAssertions> assertion = route == null ? Optional.empty() : assertions.forRoute(route);
        if (assertion.isEmpty()) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "This route's service has no identity keys"); // fail closed
        }
        if (principal.get().role() != Role.OFFICIAL) {
            return chain.filter(withIdentity(exchange, principal.get(), assertion.get()));
        }
        // An official's token is honoured only while the account is active (fails closed: 503 if unknown),
        // and the services are told the account's roles and provinces as they are now, not at login.
        return sessions.scopeOf(principal.get(), assertions.uploadService()).flatMap(scope -> scope.isPresent()
                ? chain.filter(withIdentity(exchange, principal.get().withScope(scope.get()), assertion.get()))
                : Problems.write(exchange, HttpStatus.UNAUTHORIZED, "This account is disabled"));
    }

    static Optional<String> bearerToken(HttpHeaders headers) {
        String header = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }

    private ServerWebExchange withIdentity(ServerWebExchange exchange, Principal principal, IdentityAssertions assertions) {
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(GatewayHeaders.DEVICE_ID);
            headers.remove(GatewayHeaders.OFFICIAL);
            headers.remove(GatewayHeaders.ASSERTION);
            headers.set(GatewayHeaders.CLIENT_ADDRESS, clientAddress(exchange));
            headers.remove(HttpHeaders.AUTHORIZATION); // services never need the token itself
            if (principal != null) {
                headers.set(principal.role() == Role.DEVICE ? GatewayHeaders.DEVICE_ID : GatewayHeaders.OFFICIAL,
                        principal.subject());
                headers.set(GatewayHeaders.ASSERTION, assertions.issue(principal));
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    /** The peer's address; with a load balancer in front, its address (see docs/operations.md). */
    static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
