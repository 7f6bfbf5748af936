package vn.bluezone.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bluezone.notify.push.ScriptedReplies.Reply;

/** ApnsSender (Pushy) against a local HTTP/2 APNs server that checks headers, provider token and payload. */
class ApnsSenderTest {

    private static ApnsTestServer apns;
    private static ApnsSender sender;
    /** The application's clock, which the expiration is counted from. */
    private static final Clock CLOCK = Clock.fixed(Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS),
            ZoneOffset.UTC);

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair signing = generator.generateKeyPair();
        Path p8 = dir.resolve("AuthKey_KEY1234567.p8");
        Files.writeString(p8, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signing.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        apns = new ApnsTestServer((ECPublicKey) signing.getPublic(), "TEAM123456", "KEY1234567", "vn.bluezone.app");
        sender = new ApnsSender(new PushProperties.Apns("localhost", apns.port(), p8, "TEAM123456", "KEY1234567",
                "vn.bluezone.app", ApnsTestServer.CERTIFICATE, Duration.ofMillis(1500)), Duration.ofDays(1), CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        sender.destroy();
        apns.close();
    }

    private static String deviceToken() {
        byte[] token = new byte[32];
        ThreadLocalRandom.current().nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    private static PushTarget target(String token) {
        return new PushTarget(UUID.randomUUID(), "apns", token);
    }

    @Test
    void sendsAnAlertPushOverHttp2WithATokenSignedByTheP8Key() {
        String token = deviceToken();

        PushOutcome outcome = sender.send(target(token)).block();

        assertThat(apns.violations).isEmpty();
        assertThat(outcome).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(apns.accepted).contains(token);
    }

    @Test
    void thePushExpiresOneTimeToLiveAfterTheApplicationClock() {
        String token = deviceToken();

        assertThat(sender.send(target(token)).block()).isInstanceOf(PushOutcome.Delivered.class);

        assertThat(apns.expirations.get(token)).isEqualTo(CLOCK.instant().plus(Duration.ofDays(1)).getEpochSecond());
    }

    @Test
    void anUnregisteredDeviceIsGone() {
        String token = deviceToken();
        apns.replies.script(token, Reply.status(410, "Unregistered"));

        assertThat(sender.send(target(token)).block()).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    void aServiceUnavailableAnswerIsRetryableAndTheNextAttemptIsDelivered() {
        String token = deviceToken();
        apns.replies.script(token, Reply.status(503, "ServiceUnavailable"));

        assertThat(sender.send(target(token)).block()).isInstanceOf(PushOutcome.Retry.class);
        assertThat(sender.send(target(token)).block()).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(apns.accepted).containsOnlyOnce(token);
    }

    @Test
    void aRejectedPayloadIsNotRetried() {
        String token = deviceToken();
        apns.replies.script(token, Reply.status(400, "PayloadEmpty"));

        assertThat(sender.send(target(token)).block()).isInstanceOf(PushOutcome.Rejected.class);
    }

    @Test
    void aServerSlowerThanTheTimeoutIsRetryable() {
        String token = deviceToken();
        apns.replies.script(token, Reply.status(200, null).after(Duration.ofSeconds(4)));

        assertThat(sender.send(target(token)).block(Duration.ofSeconds(6)))
                .isInstanceOfSatisfying(PushOutcome.Retry.class, retry -> assertThat(retry.reason()).contains("Timeout"));
    }
}
