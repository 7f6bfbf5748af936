package vn.bluezone.gateway;

import java.util.Optional;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/** The per-route settings in application.yml ({@code metadata.auth}, {@code metadata.max-body-bytes}). */
final class RouteMetadata {

    private RouteMetadata() {
    }

    static Optional<Object> of(ServerWebExchange exchange, String key) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? Optional.empty() : Optional.ofNullable(route.getMetadata().get(key));
    }
}
