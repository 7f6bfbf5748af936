package vn.bluezone.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;
import vn.bluezone.testsupport.FcmStub;
import vn.bluezone.testsupport.FcmStub.Reply;

/** FcmSender against a local FCM v1 + OAuth2 endpoint that checks the exact wire format. */
class FcmSenderTest {

    private static FcmStub fcm;
    private static FcmSender sender;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        fcm = FcmStub.start();
        Path account = fcm.writeServiceAccount(dir.resolve("service-account.json"));
        sender = new FcmSender(WebClient.create(),
                new PushProperties.Fcm(account, URI.create(fcm.baseUrl()), "", Duration.ofSeconds(2)), Duration.ofDays(1), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        fcm.close();
    }

    private static PushTarget target(String token) {
        return new PushTarget(UUID.randomUUID(), "fcm", token);
    }

    @Test
    void sendsADataOnlyMessageWithAnOAuthTokenFromTheServiceAccountAndReusesTheToken() {
        int exchangesBefore = fcm.tokenExchanges();

        assertThat(sender.send(target("device-a:APA91b")).block()).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(sender.send(target("device-b:APA91b")).block()).isInstanceOf(PushOutcome.Delivered.class);

        assertThat(fcm.violations()).as("violations").isEmpty();
        assertThat(fcm.deliveredTo("device-a:APA91b")).singleElement().satisfies(message -> {
            assertThat(message.body().path("message").path("data").toString()).isEqualTo("{\"type\":\"CHECK_ALERTS\"}");
            assertThat(message.body().path("message").path("android").path("collapse_key").asString()).isEqualTo("bluezone-alerts");
            assertThat(message.body().path("message").path("android").path("ttl").asString()).isEqualTo("86400s");
        });
        assertThat(fcm.tokenExchanges() - exchangesBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void aServerErrorIsRetryableWithTheProvidersRetryAfterAndTheNextAttemptIsDelivered() {
        fcm.script("flaky-device", Reply.error(503, "UNAVAILABLE").retryAfter(7));

        PushOutcome first = sender.send(target("flaky-device")).block();
        PushOutcome second = sender.send(target("flaky-device")).block();

        assertThat(first).isInstanceOfSatisfying(PushOutcome.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(second).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(fcm.attempts("flaky-device")).isEqualTo(2);
        assertThat(fcm.deliveredTo("flaky-device")).hasSize(1);
    }

    @Test
    void anUnregisteredTokenIsGoneAndAnInvalidOneIsRejected() {
        fcm.script("uninstalled", Reply.error(404, "UNREGISTERED"));
        fcm.script("garbled", Reply.error(400, "INVALID_ARGUMENT"));

        assertThat(sender.send(target("uninstalled")).block()).isInstanceOf(PushOutcome.Gone.class);
        assertThat(sender.send(target("garbled")).block()).isInstanceOf(PushOutcome.Rejected.class);
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsRetryable() {
        fcm.script("slow-device", Reply.ok().after(Duration.ofSeconds(5)));

        assertThat(sender.send(target("slow-device")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(PushOutcome.Retry.class, retry -> assertThat(retry.reason()).contains("Timeout"));
    }

    @Test
    void aRevokedAccessTokenIsRetryableAndTheRetryExchangesAFreshOne() {
        assertThat(sender.send(target("before-revocation")).block()).isInstanceOf(PushOutcome.Delivered.class);
        fcm.revokeAccessTokens();
        int exchangesBefore = fcm.tokenExchanges();

        assertThat(sender.send(target("after-revocation")).block()).isInstanceOf(PushOutcome.Retry.class);
        assertThat(sender.send(target("after-revocation")).block()).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(fcm.tokenExchanges()).isEqualTo(exchangesBefore + 1);
    }
}
