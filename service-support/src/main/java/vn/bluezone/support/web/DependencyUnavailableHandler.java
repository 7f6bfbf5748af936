package vn.bluezone.support.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.bluezone.support.DependencyFailures;
import vn.bluezone.support.DependencyFailures.Dependency;

/**
 * A request that failed because PostgreSQL or Kafka is briefly down gets a 503 problem with
 * Retry-After, never a 500: the caller did nothing wrong and should try again. Runs before Boot's
 * error handler; every other failure passes on to it unchanged.
 */
final class DependencyUnavailableHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DependencyUnavailableHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Duration retryAfter;
    private final MeterRegistry meters;

    DependencyUnavailableHandler(Duration retryAfter, MeterRegistry meters) {
        this.retryAfter = retryAfter;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        Dependency dependency = DependencyFailures.unavailable(failure).orElse(null);
        if (dependency == null || response.isCommitted()) {
            return Mono.error(failure);
        }
        String name = dependency.name().toLowerCase(Locale.ROOT);
        meters.counter("bluezone.requests.unavailable", "dependency", name).increment();
        log.warn("Answering 503: the {} is unavailable ({})", name, failure.getClass().getName());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Service Unavailable");
        problem.put("status", 503);
        problem.put("detail", "The " + name + " is briefly unavailable; nothing was changed. Retry after "
                + retryAfter.toSeconds() + " seconds.");
        problem.put("instance", exchange.getRequest().getPath().value());
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
        byte[] body = JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    @Override
    public int getOrder() {
        return -2; // before Boot's ErrorWebExceptionHandler (-1)
    }
}
