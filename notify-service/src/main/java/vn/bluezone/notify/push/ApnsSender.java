package vn.bluezone.notify.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * APNs over HTTP/2 with token-based authentication: Pushy signs the ES256 provider token with the .p8 key
 * and keeps it fresh. The alert is a localization key, so the text is the app's and nothing is in the payload.
 */
final class ApnsSender implements PushSender, DisposableBean {

    /** The app's Localizable.strings entry for "Open Bluezone to check your alerts". */
    static final String ALERT_KEY = "BLUEZONE_CHECK_ALERTS";
    static final String COLLAPSE_ID = "bluezone-alerts";
    private static final Set<String> GONE_REASONS = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic");
    private static final Set<String> RETRY_REASONS = Set.of("ExpiredProviderToken", "InvalidProviderToken",
            "TooManyProviderTokenUpdates", "TooManyRequests", "InternalServerError", "ServiceUnavailable", "Shutdown");

    private final ApnsClient client;
    private final PushProperties.Apns config;
    private final Duration timeToLive;
    private final String payload;
    private final Clock clock;

    ApnsSender(PushProperties.Apns config, Duration timeToLive, Clock clock) throws Exception {
        this.clock = clock;
        this.config = config;
        this.timeToLive = timeToLive;
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(config.host(), config.port())
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(config.signingKeyFile().toFile(), config.teamId(),
                        config.keyId()))
                .setConnectionTimeout(config.timeout());
        if (config.trustedCertificateFile() != null && !config.trustedCertificateFile().toString().isBlank()) {
            builder.setTrustedServerCertificateChain(config.trustedCertificateFile().toFile());
        }
        this.client = builder.build();
        this.payload = new SimpleApnsPayloadBuilder().setLocalizedAlertMessage(ALERT_KEY).setSound("default").build();
    }

    @Override
    public String channel() {
        return "apns";
    }

    @Override
    public Mono<PushOutcome> send(PushTarget target) {
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(target.token(), config.topic(),
                payload, clock.instant().plus(timeToLive), DeliveryPriority.IMMEDIATE, PushType.ALERT, COLLAPSE_ID);
        return Mono.fromFuture(() -> client.sendNotification(notification))
                .map(ApnsSender::outcome)
                .timeout(config.timeout())
                .onErrorResume(failure -> Mono.just(new PushOutcome.Retry(failure.toString(), null)));
    }

    private static PushOutcome outcome(PushNotificationResponse<SimpleApnsPushNotification> response) {
        if (response.isAccepted()) {
            return new PushOutcome.Delivered();
        }
        String reason = response.getRejectionReason().orElse("");
        String described = "HTTP " + response.getStatusCode() + (reason.isEmpty() ? "" : " " + reason);
        if (response.getStatusCode() == 410 || GONE_REASONS.contains(reason)) {
            return new PushOutcome.Gone(described);
        }
        if (RETRY_REASONS.contains(reason)) {
            return new PushOutcome.Retry(described, null);
        }
        return PushOutcome.ofHttpStatus(response.getStatusCode(), described, null);
    }

    @Override
    public void destroy() throws Exception {
        client.close().get(10, TimeUnit.SECONDS);
    }
}
