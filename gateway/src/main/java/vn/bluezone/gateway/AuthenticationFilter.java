package vn.bluezone.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * Verifies the bearer token against the role the route requires and tells the service who called
 * through {@link GatewayHeaders}. Copies of those headers sent by clients are always removed.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {

    private static final String BEARER = "Bearer ";

    private final BearerTokens tokens;
    /**
     * Device tokens that verified, by token. A device token has no expiry (it lives as long as the app),
     * so a verified one stays valid; only its signature check is saved. Official tokens expire and are
     * always checked. Forged tokens are never cached: they cost a check each, as before.
     */
    private final Cache<String, Principal> verifiedDevices;

    AuthenticationFilter(BearerTokens tokens, GatewayProperties properties) {
        this.tokens = tokens;
        this.verifiedDevices = Caffeine.newBuilder()
                .maximumSize(properties.verifiedDeviceTokens())
                .expireAfterAccess(Duration.ofMinutes(30))
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String required = RouteMetadata.of(exchange, "auth").map(String::valueOf).orElse("none");
        if ("none".equals(required)) {
            return chain.filter(withIdentity(exchange, null));
        }
        Optional<Principal> principal = bearerToken(exchange.getRequest()).flatMap(this::verify);
        if (principal.isEmpty()) {
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        }
        if (!principal.get().role().name().equalsIgnoreCase(required)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, "This endpoint is not for " + principal.get().role()
                    .name().toLowerCase() + " tokens");
        }
        return chain.filter(withIdentity(exchange, principal.get()));
    }

    private Optional<Principal> verify(String token) {
        Principal known = verifiedDevices.getIfPresent(token);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Principal> principal = tokens.verify(token);
        principal.filter(verified -> verified.role() == Role.DEVICE)
                .ifPresent(device -> verifiedDevices.put(token, device));
        return principal;
    }

    private static Optional<String> bearerToken(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }

    private static ServerWebExchange withIdentity(ServerWebExchange exchange, Principal principal) {
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(GatewayHeaders.DEVICE_ID);
            headers.remove(GatewayHeaders.OFFICIAL);
            headers.remove(HttpHeaders.AUTHORIZATION); // services never need the token itself
            if (principal != null) {
                headers.set(principal.role() == Role.DEVICE ? GatewayHeaders.DEVICE_ID : GatewayHeaders.OFFICIAL,
                        principal.subject());
            }
        }).build();
        return exchange.mutate().request(request).build();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
