package vn.bluezone.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error the gateway answers itself is an RFC 9457 problem, never Boot's plain JSON: an unknown
 * path or method (404), and a service behind it that cannot be reached (restarting, not yet started),
 * which is a 503 with Retry-After, not Spring Cloud Gateway's plain 500; one that does not answer in
 * time is a 504. Anything unexpected is a 500 problem that says nothing about the cause.
 */
@Component
class GatewayErrors implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    private final Duration retryAfter;
    private final MeterRegistry meters;

    GatewayErrors(@Value("${bluezone.gateway.unavailable-retry-after:5s}") Duration retryAfter,
            MeterRegistry meters) {
        this.retryAfter = retryAfter;
        this.meters = meters;
    }

    private void failed(String route, String failure) {
        Counter.builder("bluezone.gateway.upstream_failures").tags("route", route, "failure", failure)
                .description("Requests a service did not answer (unreachable: 503, timeout: 504)").register(meters).increment();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String target = route == null ? "unknown" : route.getId();
        if (unreachable(failure)) {
            failed(target, "unreachable");
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The service for this request is briefly unavailable; nothing was changed. Retry after "
                            + retryAfter.toSeconds() + " seconds.");
        }
        if (failure instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.GATEWAY_TIMEOUT) {
                failed(target, "timeout");
                return Problems.write(exchange, code, "The service for this request did not answer in time.");
            }
            if (code == HttpStatus.NOT_FOUND) {
                return Problems.write(exchange, code, "No such resource, or not with this method.");
            }
            if (code != null) {
                return Problems.write(exchange, code, status.getReason() == null ? code.getReasonPhrase() : status.getReason());
            }
        }
        log.error("Request failed at the gateway", failure);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "The request failed; nothing is known to have changed.");
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof PrematureCloseException || cause instanceof OfficialSessions.Unavailable) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return -2; // before Boot's ErrorWebExceptionHandler (-1)
    }
}
