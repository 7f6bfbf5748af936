package vn.bluezone.upload.support;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** RFC 9457 problems for every error; validation problems list each rejected field. */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = ex.getBody();
        List<Map<String, String>> errors = ex.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setDetail("Request fields are invalid: " + errors.stream()
                .map(error -> error.get("field") + " " + error.get("message")).toList());
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }
}
