package vn.bluezone.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import vn.bluezone.notify.push.ScriptedReplies.Reply;
import vn.bluezone.notify.push.WebPushTestServer.Browser;
import vn.bluezone.testsupport.SettableClock;

/** WebPushSender against a local push service that checks VAPID and decrypts the body as a browser does. */
class WebPushSenderTest {

    private static WebPushTestServer pushService;
    private static WebPushSender sender;

    @BeforeAll
    static void start() throws Exception {
        pushService = new WebPushTestServer();
        sender = sender(Clock.systemUTC());
    }

    private static WebPushSender sender(Clock clock) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair vapid = generator.generateKeyPair();
        return new WebPushSender(WebClient.create(),
                VAPIDKeyPairs.of(PrivateKeySources.ofECPrivateKey((ECPrivateKey) vapid.getPrivate()),
                        PublicKeySources.ofECPublicKey((ECPublicKey) vapid.getPublic())),
                new PushProperties.WebPush(null, null, "mailto:ops@bluezone.test", List.of("127.0.0.1"), List.of(), true,
                        Duration.ofSeconds(2)),
                Duration.ofDays(1), clock);
    }

    @AfterAll
    static void stop() {
        pushService.close();
    }

    private static PushTarget target(Browser browser) {
        return new PushTarget(UUID.randomUUID(), "webpush", pushService.endpoint(browser));
    }

    @Test
    void theBrowserIsPushedWithAVapidTokenAndNoPayload() throws Exception {
        Browser browser = pushService.subscribe();

        PushOutcome outcome = sender.send(target(browser)).block();

        assertThat(pushService.violations).isEmpty();
        assertThat(outcome).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(browser.pushed()).hasSize(1);
    }

    @Test
    void oneVapidTokenServesAPushServiceUntilAnHourBeforeItExpires() throws Exception {
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        WebPushSender reusing = sender(clock);
        Browser first = pushService.subscribe();
        Browser second = pushService.subscribe();

        assertThat(reusing.send(target(first)).block()).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(reusing.send(target(second)).block()).isInstanceOf(PushOutcome.Delivered.class);
        clock.advance(Duration.ofHours(10).plusMinutes(59));
        assertThat(reusing.send(target(first)).block()).isInstanceOf(PushOutcome.Delivered.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(reusing.send(target(first)).block()).isInstanceOf(PushOutcome.Delivered.class);

        assertThat(pushService.violations).isEmpty();
        List<String> tokens = pushService.vapidTokens.get(first.id());
        assertThat(tokens).hasSize(3);
        assertThat(pushService.vapidTokens.get(second.id())).containsExactly(tokens.get(0));
        assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
        assertThat(SignedJWT.parse(tokens.get(2)).getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(clock.instant().plus(Duration.ofHours(12)));
    }

    @Test
    void anExpiredSubscriptionIsGone() throws Exception {
        Browser browser = pushService.subscribe();
        pushService.replies.script(browser.id(), Reply.status(410, null));

        assertThat(sender.send(target(browser)).block()).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    void tooManyRequestsIsRetryableNotBeforeRetryAfterAndTheNextAttemptIsDelivered() throws Exception {
        Browser browser = pushService.subscribe();
        pushService.replies.script(browser.id(), Reply.status(429, null).retryAfter(30));

        assertThat(sender.send(target(browser)).block()).isInstanceOfSatisfying(PushOutcome.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(sender.send(target(browser)).block()).isInstanceOf(PushOutcome.Delivered.class);
        assertThat(browser.pushed()).hasSize(1);
    }

    @Test
    void aPushServiceSlowerThanTheTimeoutIsRetryable() throws Exception {
        Browser browser = pushService.subscribe();
        pushService.replies.script(browser.id(), Reply.status(201, null).after(Duration.ofSeconds(5)));

        assertThat(sender.send(target(browser)).block(Duration.ofSeconds(10))).isInstanceOf(PushOutcome.Retry.class);
    }

    @Test
    void anEndpointThatIsNotAUrlIsRejectedForGood() {
        PushTarget broken = new PushTarget(UUID.randomUUID(), "webpush", "http://127.0.0.1:1/push/not a url");

        assertThat(sender.send(broken).block()).isInstanceOf(PushOutcome.Rejected.class);
    }
}
