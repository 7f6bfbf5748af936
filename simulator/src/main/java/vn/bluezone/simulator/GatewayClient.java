package vn.bluezone.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.json.JsonMapper;
import vn.bluezone.protocol.api.OfficialLogin;
import vn.bluezone.protocol.api.OfficialSession;

/** The public API over HTTP, as phones and the officials' portal use it, with bounded concurrency. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Status and body of one answer. */
    record Answer(int status, String body) {

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
                .thenApply(response -> new Answer(response.statusCode(), response.body()))
                .whenComplete((answer, error) -> inFlight.release())
                .exceptionally(error -> {
                    throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed", error);
                });
    }
}
