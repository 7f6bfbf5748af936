package vn.bluezone.gateway;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies larger than the route allows (413) before anything reaches a service. Bodies of
 * unknown length are refused (411): every phone client sends Content-Length, and a streamed body
 * could only be cut off after the service had started on it.
 */
@Component
class BodySizeFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long limit = RouteMetadata.of(exchange, "max-body-bytes").map(value -> Long.parseLong(String.valueOf(value)))
                .orElse(0L);
        long length = exchange.getRequest().getHeaders().getContentLength();
        boolean mayHaveBody = exchange.getRequest().getMethod() != HttpMethod.GET;
        if (mayHaveBody && length < 0 && exchange.getRequest().getHeaders().containsHeader("Transfer-Encoding")) {
            return Problems.write(exchange, HttpStatus.LENGTH_REQUIRED, "Send the body with a Content-Length");
        }
        if (length > limit) {
            return Problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
                    "The body is " + length + " bytes; this endpoint accepts at most " + limit);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before authentication: no work for oversized requests
    }
}
