package vn.bluezone.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.ProblemJson;

/** RFC 9457 problem responses for requests the gateway refuses itself. */
final class Problems {

    private Problems() {
    }

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        byte[] problem = ProblemJson.of(status.value(), status.getReasonPhrase(), detail,
                exchange.getRequest().getPath().value());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(problem)));
    }
}
