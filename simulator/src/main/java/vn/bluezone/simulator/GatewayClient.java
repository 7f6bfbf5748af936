package vn.bluezone.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;

/** The public API over HTTP, as phones and the officials' portal use it, with bounded concurrency. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Status, body, Retry-After (seconds; 0 when absent) and ETag (null when absent) of one answer. */
    record Answer(int status, String body, long retryAfterSeconds, String etag) {

        /** The server is saturated or limiting this caller: a phone waits and sends the same request again. */
        Answer requireStatus(int expected) {
            if (status != expected) {
                throw new IllegalStateException("HTTP " + status + " (expected " + expected + "): " + body);
            }
            return this;
        }

        boolean busy() {
            return status == 503 || status == 429;
        }

        <T> T as(Class<T> type) {
            if (status >= 300) {
                throw new IllegalStateException("HTTP " + status + ": " + body);
            }
            return JSON.readValue(body, type);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String gateway;
    private final Semaphore inFlight;

    GatewayClient(String gateway, int concurrency) {
        this.gateway = gateway;
        this.inFlight = new Semaphore(concurrency);
    }

    /** A health official's session, from --official-user/--official-password or the bootstrap environment. */
    String officialToken(Options options) {
        String user = options.text("official-user", System.getenv().getOrDefault("BLUEZONE_BOOTSTRAP_OFFICIAL_USER", "official"));
        String password = options.text("official-password", System.getenv("BLUEZONE_BOOTSTRAP_OFFICIAL_PASSWORD"));
        if (password == null) {
            throw new IllegalArgumentException("Give --official-password (or BLUEZONE_BOOTSTRAP_OFFICIAL_PASSWORD)");
        }
        return post("/api/v1/official/session", null, new OfficialLogin(user, password)).join()
                .as(OfficialSession.class).token();
    }

    CompletableFuture<Answer> post(String path, String token, Object body) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    CompletableFuture<Answer> put(String path, String token, Object body) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    CompletableFuture<Answer> get(String path, String token) {
        return send(request(path, token).GET());
    }

    /**
     * A conditional GET, as the app polls: 304 and no body while {@code etag} (null: none yet) is current.
     * {@code fresh} (after a push) asks for no stored answer: the gateway then asks the inbox itself.
     */
    CompletableFuture<Answer> getIfChanged(String path, String token, String etag, boolean fresh) {
        HttpRequest.Builder request = request(path, token).GET();
        if (fresh) {
            request.header("Cache-Control", "no-cache");
        }
        return send(etag == null ? request : request.header("If-None-Match", etag));
    }

    /**
     * Posts as a phone does under load: a busy answer (503, 429) is sent again after its Retry-After, a
     * failed exchange (timeout, reset) after an exponential backoff, both with jitter, at most
     * {@code attempts} times; {@code retried} counts each resend. What is still failing after that is
     * the returned future's failure.
     */
    CompletableFuture<Answer> postRetrying(String path, String token, Object body, int attempts, LongAdder retried) {
        return Mono.defer(() -> Mono.fromFuture(post(path, token, body)))
                .flatMap(answer -> answer.busy() ? Mono.error(new Busy(answer)) : Mono.just(answer))
                .retryWhen(Retry.from(failures -> failures.concatMap(failure -> {
                    if (failure.totalRetries() + 1 >= attempts) {
                        return Mono.error(failure.failure());
                    }
                    retried.increment();
                    long jitter = ThreadLocalRandom.current().nextLong(250);
                    long wait = failure.failure() instanceof Busy busy
                            ? Math.max(1, busy.answer.retryAfterSeconds()) * 1000
                            : Math.min(5000, 200L << Math.min(5, failure.totalRetries()));
                    return Mono.delay(Duration.ofMillis(wait + jitter));
                })))
                .toFuture();
    }

    /** A busy answer, retried by {@link #postRetrying}. */
    static final class Busy extends RuntimeException {
        final transient Answer answer;

        Busy(Answer answer) {
            super("HTTP " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private CompletableFuture<Answer> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        inFlight.acquireUninterruptibly();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body(),
                        response.headers().firstValueAsLong("Retry-After").orElse(0),
                        response.headers().firstValue("ETag").orElse(null)))
                .whenComplete((answer, error) -> inFlight.release())
                .exceptionally(error -> {
                    throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed", error);
                });
    }
}
