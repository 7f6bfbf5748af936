package vn.bluezone.support.web;

import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/**
 * A service acts on a caller's identity only as the gateway asserted it. The identity headers the
 * controllers read are set here from a valid {@link GatewayHeaders#ASSERTION}, and only from it: a
 * request that names a device or an official without a valid assertion is refused (401) before any
 * controller runs. Requests that name nobody (registration, login, health) pass unchanged. The whole
 * caller, with an official's roles and provinces, is what a controller's {@link Principal} parameter gets.
 */
final class GatewayIdentityFilter implements WebFilter, Ordered {

    private final IdentityAssertions assertions;

    GatewayIdentityFilter(IdentityAssertions assertions) {
        this.assertions = assertions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String assertion = headers.getFirst(GatewayHeaders.ASSERTION);
        if (assertion == null) {
            if (headers.containsHeader(GatewayHeaders.DEVICE_ID) || headers.containsHeader(GatewayHeaders.OFFICIAL)) {
                return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED,
                        "A caller's identity is accepted only as asserted by the gateway");
            }
            return chain.filter(exchange);
        }
        Optional<Principal> caller = assertions.verify(assertion);
        if (caller.isEmpty()) {
            return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "The gateway's assertion is invalid or expired");
        }
        ServerHttpRequest request = exchange.getRequest().mutate().headers(mutable -> {
            mutable.remove(GatewayHeaders.DEVICE_ID);
            mutable.remove(GatewayHeaders.OFFICIAL);
            mutable.remove(GatewayHeaders.ASSERTION);
            mutable.set(caller.get().role() == Role.DEVICE ? GatewayHeaders.DEVICE_ID : GatewayHeaders.OFFICIAL,
                    caller.get().subject());
        }).build();
        ServerWebExchange identified = exchange.mutate().request(request).build();
        identified.getAttributes().put(Callers.ATTRIBUTE, caller.get());
        return chain.filter(identified);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
