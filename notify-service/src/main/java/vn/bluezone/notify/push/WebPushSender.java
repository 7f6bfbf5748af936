package vn.bluezone.notify.push;

import com.zerodeplibs.webpush.EncryptedPushMessage;
import com.zerodeplibs.webpush.MessageEncryption;
import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Web Push (RFC 8030): the payload is encrypted for the browser (RFC 8291, aes128gcm) and the request
 * carries a VAPID token (RFC 8292) for the endpoint's origin. The push service sees only ciphertext.
 */
final class WebPushSender implements PushSender {

    /** What the service worker receives: nothing but the instruction to fetch alerts. */
    static final String PAYLOAD = "{\"type\":\"CHECK_ALERTS\"}";
    /** RFC 8030 §5.4: a newer push with the same topic replaces one not yet delivered. */
    static final String TOPIC = "bluezone-alerts";
    private static final int VAPID_TOKEN_HOURS = 12;

    private final WebClient client;
    private final VAPIDKeyPair vapid;
    private final PushProperties.WebPush config;
    private final Duration timeToLive;
    private final MessageEncryption encryption = MessageEncryptions.of();
    private final Clock clock = Clock.systemUTC();

    WebPushSender(WebClient client, VAPIDKeyPair vapid, PushProperties.WebPush config, Duration timeToLive) {
        this.client = client;
        this.vapid = vapid;
        this.config = config;
        this.timeToLive = timeToLive;
    }

    @Override
    public String channel() {
        return "webpush";
    }

    @Override
    public Mono<PushOutcome> send(PushTarget target) {
        EncryptedPushMessage message;
        String authorization;
        try {
            message = encryption.encrypt(UserAgentMessageEncryptionKeyInfo.of(target.p256dh(), target.auth()),
                    PushMessage.ofUTF8(PAYLOAD));
            authorization = vapid.generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                    .resourceURLString(target.token())
                    .expiresAfter(VAPID_TOKEN_HOURS, TimeUnit.HOURS)
                    .subject(config.subject())
                    .build());
        } catch (RuntimeException unusableSubscription) {
            return Mono.just(new PushOutcome.Rejected("subscription unusable: " + unusableSubscription.getMessage()));
        }
        return client.post()
                .uri(URI.create(target.token()))
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header("TTL", Long.toString(timeToLive.toSeconds()))
                .header("Urgency", "high")
                .header("Topic", TOPIC)
                .header(HttpHeaders.CONTENT_ENCODING, message.contentEncoding())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(message.toBytes())
                .exchangeToMono(response -> response.releaseBody().thenReturn(PushOutcome.ofHttpStatus(
                        response.statusCode().value(), "HTTP " + response.statusCode().value(),
                        RetryAfter.of(response.headers().asHttpHeaders(), clock.instant()))))
                .timeout(config.timeout())
                .onErrorResume(failure -> Mono.just(new PushOutcome.Retry(failure.toString(), null)));
    }
}
