package vn.bluezone.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
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
 * A service behind the gateway that cannot be reached (restarting, not yet started) is a 503 problem
 * with Retry-After for the phone, not Spring Cloud Gateway's plain 500; one that does not answer in
 * time is a 504 problem. Everything else passes on unchanged.
 */
@Component
class UnavailableServiceHandler implements WebExceptionHandler, Ordered {

    private final Duration retryAfter;
    private final MeterRegistry meters;

    UnavailableServiceHandler(@Value("${bluezone.gateway.unavailable-retry-after:5s}") Duration retryAfter,
            MeterRegistry meters) {
        this.retryAfter = retryAfter;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String target = route == null ? "unknown" : route.getId();
        if (unreachable(failure)) {
            meters.counter("bluezone.gateway.upstream_failures", "route", target, "failure", "unreachable").increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The service for this request is briefly unavailable; nothing was changed. Retry after "
                            + retryAfter.toSeconds() + " seconds.");
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode() == HttpStatus.GATEWAY_TIMEOUT) {
            meters.counter("bluezone.gateway.upstream_failures", "route", target, "failure", "timeout").increment();
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "The service for this request did not answer in time.");
        }
        return Mono.error(failure);
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof PrematureCloseException) {
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
