package vn.bluezone.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.ContactIndex;

/**
 * Answers a poll ({@code metadata.answer-without-alerts} routes) from a device without alerts at the
 * gateway: the same body and ETag the notify-service would send, or 304. Nearly every poll in a
 * country is one of these, so most polls never leave the gateway. Devices with alerts, and every poll
 * while the index is still loading, go to the notify-service.
 */
@Component
class PollShortcutFilter implements GlobalFilter, Ordered, SmartLifecycle {

    private static final byte[] NO_ALERTS = AlertList.NO_ALERTS_JSON.getBytes(StandardCharsets.UTF_8);

    private final GatewayProperties properties;
    private volatile ContactIndex index;

    PollShortcutFilter(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ContactIndex current = index;
        boolean pollRoute = RouteMetadata.of(exchange, "answer-without-alerts").map(String::valueOf)
                .map(Boolean::parseBoolean).orElse(false);
        String device = exchange.getRequest().getHeaders().getFirst(GatewayHeaders.DEVICE_ID);
        if (!pollRoute || current == null || !current.caughtUp() || device == null
                || current.mayHaveAlerts(UUID.fromString(device))) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().setETag(AlertList.NO_ALERTS_ETAG);
        response.getHeaders().setCacheControl(CacheControl.noCache().cachePrivate());
        if (AlertList.NO_ALERTS_ETAG.equals(exchange.getRequest().getHeaders().getFirst("If-None-Match"))) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(NO_ALERTS)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20; // after authentication set the device id
    }

    @Override
    public void start() {
        if (properties.answerPollsWithoutAlerts()) {
            index = new ContactIndex(Map.of("bootstrap.servers", properties.kafkaBootstrapServers()));
            index.start();
        }
    }

    @Override
    public void stop() {
        if (index != null) {
            index.close();
            index = null;
        }
    }

    @Override
    public boolean isRunning() {
        return index != null;
    }
}
