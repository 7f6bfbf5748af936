package vn.bluezone.support.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import vn.bluezone.support.DependencyFailures;
import vn.bluezone.support.DependencyFailures.Dependency;

/**
 * A request that failed because PostgreSQL or Kafka is briefly down gets a 503 problem with
 * Retry-After, never a 500: the caller did nothing wrong and should try again. Runs before Boot's
 * error handler; every other failure passes on to it unchanged.
 */
final class DependencyUnavailableHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DependencyUnavailableHandler.class);

    private final Duration retryAfter;
    private final MeterRegistry meters;

    DependencyUnavailableHandler(Duration retryAfter, MeterRegistry meters) {
        this.retryAfter = retryAfter;
        this.meters = meters;
        for (Dependency dependency : Dependency.values()) {
            unavailable(dependency); // at zero from the start, so the first 503 shows as an increase
        }
    }

    private Counter unavailable(Dependency dependency) {
        return Counter.builder("bluezone.requests.unavailable").tag("dependency", dependency.name().toLowerCase(Locale.ROOT))
                .description("Requests answered 503 because a dependency was down").register(meters);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        Dependency dependency = DependencyFailures.unavailable(failure).orElse(null);
        if (dependency == null || response.isCommitted()) {
            return Mono.error(failure);
        }
        String name = dependency.name().toLowerCase(Locale.ROOT);
        unavailable(dependency).increment();
        log.warn("Answering 503: the {} is unavailable ({})", name, failure.getClass().getName());
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
        return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "The " + name
                + " is briefly unavailable; nothing was changed. Retry after " + retryAfter.toSeconds() + " seconds.");
    }

    @Override
    public int getOrder() {
        return -2; // before Boot's ErrorWebExceptionHandler (-1)
    }
}
