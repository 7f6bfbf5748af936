package vn.bluezone.notify.push;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bluezone.push.*}; documented in application.yml and docs/operations.md. A channel whose credentials
 * are not configured is off: its devices still get their alerts by polling.
 */
@Validated
@ConfigurationProperties("bluezone.push")
public record PushProperties(@Valid @NotNull Dispatch dispatch, @Valid @NotNull Fcm fcm, @Valid @NotNull Apns apns,
        @Valid @NotNull WebPush webpush, @NotNull Duration channelRetention, @NotNull Duration channelCleanupInterval) {

    /** How the outbox is worked off. */
    public record Dispatch(@NotNull Duration pollInterval, @Min(1) int batchSize, @Min(1) int concurrency,
            @NotNull Duration lease, @Min(1) int maxAttempts, @NotNull Duration initialBackoff,
            @NotNull Duration maxBackoff, @NotNull Duration jitter, @NotNull Duration timeToLive) {
    }

    /** Firebase Cloud Messaging HTTP v1, authenticated with a service account's OAuth2 tokens. */
    public record Fcm(Path credentialsFile, @NotNull URI baseUrl, String projectId, @NotNull Duration timeout) {

        boolean enabled() {
            return credentialsFile != null && !credentialsFile.toString().isBlank();
        }
    }

    /** Apple Push Notification service over HTTP/2, with a token-signing key (.p8). */
    public record Apns(@NotBlank String host, @Min(1) int port, Path signingKeyFile, String teamId, String keyId,
            String topic, Path trustedCertificateFile, @NotNull Duration timeout) {

        boolean enabled() {
            return signingKeyFile != null && !signingKeyFile.toString().isBlank();
        }
    }

    /** Web Push (RFC 8030) without payload, signed for with VAPID (RFC 8292). */
    public record WebPush(Path vapidPublicKeyFile, Path vapidPrivateKeyFile, String subject,
            @NotNull List<String> allowedHosts, List<String> extraAllowedHosts, boolean allowHttp,
            @NotNull Duration timeout) {

        boolean enabled() {
            return vapidPrivateKeyFile != null && !vapidPrivateKeyFile.toString().isBlank();
        }

        /** Whether a subscription endpoint may name this host: one of the push services, or an extra one. */
        boolean allowsHost(String host) {
            return WebPushHosts.allowed(host, allowedHosts)
                    || (extraAllowedHosts != null && WebPushHosts.allowed(host, extraAllowedHosts));
        }
    }
}
