package vn.bluezone.notify.push;

import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Web Push (RFC 8030) without a payload: the push itself is the "check your alerts" (the service worker
 * gets a push event whose data is null), so there is nothing to encrypt (RFC 8291 applies to payloads
 * only) and the push service sees no content at all, not even a ciphertext's length. The request carries
 * a VAPID token (RFC 8292) for the endpoint's origin. An encrypted payload cost a fresh P-256 key pair
 * and ECDH agreement per push, 1.5-2.7 ms of CPU, over half the notify-service's CPU in an alert burst
 * (docs/performance.md).
 */
final class WebPushSender implements PushSender {

    /** RFC 8030 §5.4: a newer push with the same topic replaces one not yet delivered. */
    static final String TOPIC = "bluezone-alerts";
    /** RFC 8292 §2: at most 24 hours. */
    private static final Duration VAPID_TOKEN_LIFETIME = Duration.ofHours(12);
    /** A token is reused for this long, so that one sent has an hour left whatever the clock skew. */
    private static final Duration VAPID_TOKEN_REUSE = VAPID_TOKEN_LIFETIME.minusHours(1);

    private final WebClient client;
    private final VAPIDKeyPair vapid;
    private final PushProperties.WebPush config;
    private final Duration timeToLive;
    private final Clock clock;
    /**
     * VAPID headers by push-service origin (the token's audience). RFC 8292 lets a token be reused until
     * it expires; signing one per push (ES256, pure Java on JDK 17) cost 0.8 ms, a third of a push's CPU.
     * The origins are bounded by the allowed push hosts.
     */
    private final Cache<String, String> vapidHeaders;

    WebPushSender(WebClient client, VAPIDKeyPair vapid, PushProperties.WebPush config, Duration timeToLive,
            Clock clock) {
        this.clock = clock;
        this.client = client;
        this.vapid = vapid;
        this.config = config;
        this.timeToLive = timeToLive;
        this.vapidHeaders = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(VAPID_TOKEN_REUSE)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    @Override
    public String channel() {
        return "webpush";
    }

    @Override
    public Mono<PushOutcome> send(PushTarget target) {
        return Mono.fromCallable(() -> vapidHeaders.get(origin(target.token()), audience -> mint(target)))
                .flatMap(authorization -> post(target, authorization))
                .onErrorResume(RuntimeException.class, unusable -> Mono.just(
                        new PushOutcome.Rejected("subscription unusable: " + unusable.getMessage())));
    }

    private String mint(PushTarget target) {
        return vapid.generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                .resourceURLString(target.token())
                .expirationTime(clock.instant().plus(VAPID_TOKEN_LIFETIME))
                .subject(config.subject())
                .build());
    }

    /** The token's audience (RFC 8292 §2): scheme, host and port of the endpoint. */
    private static String origin(String endpoint) {
        URI uri = URI.create(endpoint);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private Mono<PushOutcome> post(PushTarget target, String authorization) {
        return client.post()
                .uri(URI.create(target.token()))
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header("TTL", Long.toString(timeToLive.toSeconds()))
                .header("Urgency", "high")
                .header("Topic", TOPIC)
                .header(HttpHeaders.CONTENT_LENGTH, "0")
                .exchangeToMono(response -> response.releaseBody().thenReturn(PushOutcome.ofHttpStatus(
                        response.statusCode().value(), "HTTP " + response.statusCode().value(),
                        RetryAfter.of(response.headers().asHttpHeaders(), clock.instant()))))
                .timeout(config.timeout())
                .onErrorResume(failure -> Mono.just(new PushOutcome.Retry(failure.toString(), null)));
    }
}
