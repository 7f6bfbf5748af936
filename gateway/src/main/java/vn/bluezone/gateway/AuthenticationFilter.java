package vn.bluezone.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.PortalSessions;
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
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

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
        String rule = RouteMetadata.of(exchange, "auth").map(String::valueOf).orElse("");
        if (fromAnotherSite(exchange.getRequest())) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "The portal takes forms from its own pages only");
        }
        if ("none".equals(rule)) {
            return chain.filter(withIdentity(exchange, null, null));
        }
        if (!RouteAccessRules.RULES.contains(rule)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "This route has no access rule"); // fail closed
        }
        boolean portalPage = "portal".equals(rule);
        String required = portalPage ? "official" : rule;
        HttpHeaders headers = exchange.getRequest().getHeaders();
        Optional<String> bearer = bearerToken(headers);
        // The portal's cookie stands for an official token, never for a device's.
        Optional<String> session = bearer.isEmpty() && "official".equals(required) ? sessionCookie(exchange) : Optional.empty();
        Optional<Principal> principal = bearer.or(() -> session).flatMap(tokens::verify);
        if (principal.isEmpty()) {
            return portalPage && exchange.getRequest().getMethod() == HttpMethod.GET ? toLogin(exchange)
                    : Problems.write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        }
        if (!principal.get().role().name().equalsIgnoreCase(required)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "This endpoint is not for " + principal.get().role()
                    .name().toLowerCase() + " tokens");
        }
        if (session.isPresent() && !SAFE_METHODS.contains(exchange.getRequest().getMethod())
                && !PortalSessions.csrfMatches(session.get(), headers.getFirst(PortalSessions.CSRF_HEADER))) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "A request of the portal needs its CSRF token");
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

    /**
     * A state-changing portal request whose Origin is not this host: another site's form (login CSRF,
     * or a form riding on the session cookie, which SameSite=Strict already keeps from being sent).
     */
    private static boolean fromAnotherSite(ServerHttpRequest request) {
        String origin = request.getHeaders().getOrigin();
        if (origin == null || SAFE_METHODS.contains(request.getMethod()) || !request.getPath().value().startsWith("/portal")) {
            return false;
        }
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        try {
            return host == null || !host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static Optional<String> sessionCookie(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(PortalSessions.SESSION_COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    /** A portal page without a session: the login page, which comes back here once logged in. */
    private static Mono<Void> toLogin(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
        exchange.getResponse().getHeaders().setLocation(URI.create("/portal/login"));
        return exchange.getResponse().setComplete();
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
            withoutSessionCookie(headers);
            if (principal != null) {
                headers.set(principal.role() == Role.DEVICE ? GatewayHeaders.DEVICE_ID : GatewayHeaders.OFFICIAL,
                        principal.subject());
                headers.set(GatewayHeaders.ASSERTION, assertions.issue(principal));
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    /** Cookies go on to the service (the portal's language), but never the session itself. */
    private static void withoutSessionCookie(HttpHeaders headers) {
        List<String> kept = headers.getOrEmpty(HttpHeaders.COOKIE).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::trim)
                .filter(cookie -> !cookie.isEmpty() && !cookie.startsWith(PortalSessions.SESSION_COOKIE + "="))
                .toList();
        headers.remove(HttpHeaders.COOKIE);
        if (!kept.isEmpty()) {
            headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
        }
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
