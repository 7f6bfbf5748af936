package vn.bluezone.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.gateway.GatewayProperties.LimitKey;
import vn.bluezone.gateway.GatewayProperties.RateLimit;
import vn.bluezone.protocol.auth.GatewayHeaders;

/**
 * Token-bucket limits (Bucket4j) on the routes that can be brute-forced, per device or per client
 * address. Over the limit: 429 with Retry-After, and the request reaches no service.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private final Map<String, RateLimit> limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofHours(2))
            .build();

    RateLimitFilter(GatewayProperties properties) {
        this.limits = properties.rateLimits() == null ? Map.of() : properties.rateLimits();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String policy = RouteMetadata.of(exchange, "rate-limit").map(String::valueOf).orElse(null);
        RateLimit limit = policy == null ? null : limits.get(policy);
        if (limit == null) {
            return chain.filter(exchange);
        }
        String key = policy + "|" + keyOf(exchange, limit.key());
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many attempts; retry in " + retryAfter + " s");
    }

    private static String keyOf(ServerWebExchange exchange, LimitKey key) {
        if (key == LimitKey.DEVICE) {
            return String.valueOf(exchange.getRequest().getHeaders().getFirst(GatewayHeaders.DEVICE_ID));
        }
        return AuthenticationFilter.clientAddress(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 15; // after authentication set the device id
    }
}
