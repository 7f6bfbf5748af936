package vn.bluezone.notify.push;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging HTTP v1. The OAuth2 access token comes from Google's auth library (a JWT
 * signed with the service account's key, exchanged at the account's token_uri and cached until it nears
 * expiry); the message is a data message that only tells the app to fetch its alerts.
 */
final class FcmSender implements PushSender {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final Map<String, String> DATA = Map.of("type", "CHECK_ALERTS");
    /** A newer push with the same key replaces one the phone has not received yet. */
    static final String COLLAPSE_KEY = "bluezone-alerts";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient client;
    private final GoogleCredentials credentials;
    private final String sendPath;
    private final PushProperties.Fcm config;
    private final Duration timeToLive;
    private final Clock clock;
    /** Set when FCM refused the token (401): the next send fetches a new one instead of the cached. */
    private final AtomicBoolean tokenRefused = new AtomicBoolean();

    FcmSender(WebClient client, PushProperties.Fcm config, Duration timeToLive, Clock clock) {
        this.clock = clock;
        this.client = client;
        this.config = config;
        this.timeToLive = timeToLive;
        try (InputStream in = Files.newInputStream(config.credentialsFile())) {
            this.credentials = GoogleCredentials.fromStream(in).createScoped(List.of(SCOPE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the FCM service account file " + config.credentialsFile(), e);
        }
        String projectId = config.projectId() != null && !config.projectId().isBlank() ? config.projectId()
                : credentials instanceof ServiceAccountCredentials account ? account.getProjectId() : null;
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalStateException("bluezone.push.fcm.project-id is not set and the credentials name no project");
        }
        this.sendPath = "/v1/projects/" + projectId + "/messages:send";
    }

    @Override
    public String channel() {
        return "fcm";
    }

    @Override
    public Mono<PushOutcome> send(PushTarget target) {
        Map<String, Object> message = Map.of("message", Map.of(
                "token", target.token(),
                "data", DATA,
                "android", Map.of("priority", "HIGH", "ttl", timeToLive.toSeconds() + "s",
                        "collapse_key", COLLAPSE_KEY)));
        return accessToken()
                .flatMap(token -> client.post()
                        .uri(config.baseUrl().resolve(sendPath))
                        .headers(headers -> headers.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(JSON.writeValueAsBytes(message))
                        .exchangeToMono(this::outcome))
                .timeout(config.timeout())
                .onErrorResume(failure -> Mono.just(new PushOutcome.Retry(failure.toString(), null)));
    }

    /** Blocking (Google's HTTP client) only when the cached token must be refreshed, and off the event loop. */
    private Mono<String> accessToken() {
        return Mono.fromCallable(() -> {
            if (tokenRefused.compareAndSet(true, false)) {
                credentials.refresh();
            } else {
                credentials.refreshIfExpired();
            }
            return credentials.getAccessToken().getTokenValue();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<PushOutcome> outcome(ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is2xxSuccessful()) {
            return response.releaseBody().thenReturn(new PushOutcome.Delivered());
        }
        Duration retryAfter = RetryAfter.of(response.headers().asHttpHeaders(), clock.instant());
        return response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
            String errorCode = fcmErrorCode(body);
            String reason = "HTTP " + status + (errorCode.isEmpty() ? "" : " " + errorCode);
            if (status == 401) {
                tokenRefused.set(true);
            }
            return switch (errorCode) {
                case "UNREGISTERED", "SENDER_ID_MISMATCH" -> new PushOutcome.Gone(reason);
                case "INVALID_ARGUMENT" -> new PushOutcome.Rejected(reason);
                case "QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL", "THIRD_PARTY_AUTH_ERROR" ->
                        new PushOutcome.Retry(reason, retryAfter);
                default -> PushOutcome.ofHttpStatus(status, reason, retryAfter);
            };
        });
    }

    /** error.details[].errorCode of an FCM error response (google.firebase.fcm.v1.FcmError), or "". */
    private static String fcmErrorCode(String body) {
        try {
            for (JsonNode detail : JSON.readTree(body).path("error").path("details")) {
                String code = detail.path("errorCode").asString("");
                if (!code.isEmpty()) {
                    return code;
                }
            }
        } catch (RuntimeException notJson) {
            // Some proxies answer with HTML; the status alone decides then.
        }
        return "";
    }
}
