package vn.bluezone.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.protocol.events.ContactIndex;

/**
 * The poll path, in front of the gateway's web stack: nearly every poll in a country comes from a device
 * without alerts, and is answered here with the body and ETag the notify-service would send (or 304),
 * without exchange, observation, route lookup, filter chain or hop. It counts and times those answers
 * itself, as the {@code http.server.requests} the dashboards and alert rules read (uri
 * {@code /api/v1/alerts}). Every authenticated poll also counts its device as active today. Anything else
 * (no or bad token, a body, a device with alerts, an index still loading, a poll with
 * {@code Cache-Control: no-cache} as the app sends after a push) goes on to the web stack and the
 * {@code alerts} route, which refuses or proxies it as any other request.
 */
@Component
class PollShortcut implements WebHttpHandlerBuilderCustomizer, SmartLifecycle {

    private static final byte[] NO_ALERTS = AlertList.NO_ALERTS_JSON.getBytes(StandardCharsets.UTF_8);
    private static final String NO_CACHE = CacheControl.noCache().cachePrivate().getHeaderValue();
    /** The meter and tags Spring's server observation gives a request; the gateway's answers keep them. */
    private static final String SERVER_REQUESTS = "http.server.requests";

    private final GatewayProperties properties;
    private final BearerTokens tokens;
    private final ActiveDevices activeDevices;
    private final Counter answered;
    private final Counter forwarded;
    private final Timer answeredOk;
    private final Timer answeredNotModified;
    private volatile ContactIndex index;

    PollShortcut(GatewayProperties properties, BearerTokens tokens, ActiveDevices activeDevices, MeterRegistry meters) {
        this.properties = properties;
        this.tokens = tokens;
        this.activeDevices = activeDevices;
        this.answered = polls(meters, "gateway");
        this.forwarded = polls(meters, "notify-service");
        this.answeredOk = answers(meters, HttpStatus.OK, "SUCCESS");
        this.answeredNotModified = answers(meters, HttpStatus.NOT_MODIFIED, "REDIRECTION");
    }

    private static Counter polls(MeterRegistry meters, String answer) {
        return Counter.builder("bluezone.gateway.polls").tag("answer", answer)
                .description("Authenticated polls answered by the gateway or passed on to the notify-service").register(meters);
    }

    private static Timer answers(MeterRegistry meters, HttpStatus status, String outcome) {
        return Timer.builder(SERVER_REQUESTS).tags("error", "none", "exception", "none", "method", "GET",
                "outcome", outcome, "status", String.valueOf(status.value()), "uri", AlertList.PATH).register(meters);
    }

    /**
     * In front of the public port's web stack only: Boot applies these customizers to the application's
     * handler, not to the management port's (as a {@code WebFilter}, the shortcut answered polls there too).
     */
    @Override
    public void customize(WebHttpHandlerBuilder builder) {
        builder.httpHandlerDecorator(webStack -> (request, response) -> isPoll(request)
                ? poll(request, response, webStack)
                : webStack.handle(request, response));
    }

    private static boolean isPoll(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.GET && AlertList.PATH.equals(request.getPath().value());
    }

    private Mono<Void> poll(ServerHttpRequest request, ServerHttpResponse response, HttpHandler webStack) {
        long start = System.nanoTime();
        Optional<Principal> caller = authenticatedDevice(request.getHeaders());
        Optional<UUID> device = caller.flatMap(PollShortcut::deviceId);
        if (device.isEmpty()) {
            return webStack.handle(request, response);
        }
        activeDevices.seen(device.get(), caller.get().province());
        ContactIndex current = index;
        // A poll that asks for no stored answer (the app's poll after a push) goes to the inbox: the alert
        // just pushed may be newer than what this gateway's index has read.
        if (current == null || revalidates(request.getHeaders()) || current.mayHaveAlerts(device.get())) {
            forwarded.increment();
            return webStack.handle(request, response);
        }
        answered.increment();
        return noAlerts(request, response, start);
    }

    /** {@code Cache-Control: no-cache} (RFC 9111 5.2.1.4), or its HTTP/1.0 form {@code Pragma: no-cache}. */
    private static boolean revalidates(HttpHeaders headers) {
        return headers.getValuesAsList(HttpHeaders.CACHE_CONTROL).stream().anyMatch("no-cache"::equalsIgnoreCase)
                || headers.getValuesAsList(HttpHeaders.PRAGMA).stream().anyMatch("no-cache"::equalsIgnoreCase);
    }

    /** The device of a valid device token on a request without a body (a GET with one is the route's 413). */
    private Optional<Principal> authenticatedDevice(HttpHeaders headers) {
        if (headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return Optional.empty();
        }
        return AuthenticationFilter.bearerToken(headers).flatMap(tokens::verify)
                .filter(principal -> principal.role() == Role.DEVICE);
    }

    private static Optional<UUID> deviceId(Principal device) {
        try {
            return Optional.of(UUID.fromString(device.subject()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the upload-service issues UUIDs only; anything else is the route's business
        }
    }

    private Mono<Void> noAlerts(ServerHttpRequest request, ServerHttpResponse response, long start) {
        response.getHeaders().setETag(AlertList.NO_ALERTS_ETAG);
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        if (AlertList.NO_ALERTS_ETAG.equals(request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return timed(response.setComplete(), answeredNotModified, start);
        }
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return timed(response.writeWith(Mono.just(response.bufferFactory().wrap(NO_ALERTS))), answeredOk, start);
    }

    private static Mono<Void> timed(Mono<Void> answer, Timer timer, long start) {
        return answer.doOnSuccess(written -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
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
