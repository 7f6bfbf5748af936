package vn.bluezone.notify;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.FcmStub;
import vn.bluezone.testsupport.FcmStub.Reply;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

/** Push channels and the push outbox, with a real Kafka, PostgreSQL and a local FCM. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "spring.kafka.consumer.group-id=notify-push-it",
                "bluezone.push.dispatch.poll-interval=200ms", "bluezone.push.dispatch.initial-backoff=200ms",
                "bluezone.push.dispatch.jitter=50ms", "bluezone.push.dispatch.max-backoff=1s",
                "bluezone.push.dispatch.max-attempts=3",
                "bluezone.push.channel-cleanup-interval=300ms"})
class PushDeliveryIT {

    private static final FcmStub FCM = FcmStub.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.notifyServiceProperties());
        TestInfrastructure.registerProperties(registry);
        FCM.registerProperties(registry);
    }

    @BeforeAll
    static void topics() {
        new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers()).ensure(Topics.CONTACTS, Topics.DIAGNOSIS_KEYS, Topics.CASES,
                Topics.DEVICE_ACTIVITY);
    }

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = TestClients.bindToServer().filter(AsGateway.identities(TestKeys.NOTIFY_ASSERTIONS)).baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aNewAlertPushesOnceARedeliveryNotAtAllAndAnUpgradeOnceMore() throws Exception {
        UUID device = UUID.randomUUID();
        String token = "fcm-" + device;
        register(device, Map.of("channel", "fcm", "token", token));
        UUID caseId = UUID.randomUUID();
        ContactFound asF2 = contact(caseId, device, ContactLevel.F2, 100);

        publish(asF2);
        publish(asF2);
        awaitPushes(token, 1);
        publish(contact(caseId, device, ContactLevel.F1, 90));
        awaitPushes(token, 2);
        publish(contact(caseId, device, ContactLevel.F1, 80)); // an earlier start for the F1: a correction
        awaitLevel(device, "F1");
        Thread.sleep(1500);

        assertThat(FCM.deliveredTo(token)).hasSize(2);
        assertThat(FCM.violations()).isEmpty();
        assertThat(queued(device)).isZero();
    }

    @Test
    void aFailedPushIsRetriedUntilTheProviderAcceptsIt() throws Exception {
        UUID device = UUID.randomUUID();
        String token = "fcm-" + device;
        FCM.script(token, Reply.error(503, "UNAVAILABLE"), Reply.error(500, "INTERNAL"));
        register(device, Map.of("channel", "fcm", "token", token));

        publish(contact(UUID.randomUUID(), device, ContactLevel.F1, 100));

        awaitPushes(token, 1);
        assertThat(FCM.attempts(token)).isEqualTo(3);
        assertThat(awaitNothingQueued(device)).isZero();
    }

    @Test
    void aTokenTheProviderReportsGoneIsRemovedAndNotRetried() throws Exception {
        UUID device = UUID.randomUUID();
        String token = "fcm-" + device;
        FCM.script(token, Reply.error(404, "UNREGISTERED"));
        register(device, Map.of("channel", "fcm", "token", token));

        publish(contact(UUID.randomUUID(), device, ContactLevel.F1, 100));

        for (int i = 0; i < 100 && channels(device) > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(channels(device)).isZero();
        assertThat(awaitNothingQueued(device)).isZero();
        assertThat(FCM.attempts(token)).isEqualTo(1);
    }

    @Test
    void aSlowProviderDoesNotHoldUpTheAlertsOrPushesOfOtherDevices() throws Exception {
        UUID slowDevice = UUID.randomUUID();
        String slowToken = "fcm-" + slowDevice;
        FCM.script(slowToken, Reply.ok().after(Duration.ofSeconds(5))); // within the sender's timeout (10 s)
        register(slowDevice, Map.of("channel", "fcm", "token", slowToken));
        UUID otherDevice = UUID.randomUUID();
        String otherToken = "fcm-" + otherDevice;
        register(otherDevice, Map.of("channel", "fcm", "token", otherToken));

        publish(contact(UUID.randomUUID(), slowDevice, ContactLevel.F1, 100));
        for (int i = 0; i < 100 && FCM.attempts(slowToken) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(FCM.attempts(slowToken)).as("the slow push is in flight").isPositive();
        publish(contact(UUID.randomUUID(), otherDevice, ContactLevel.F1, 100));

        awaitLevel(otherDevice, "F1"); // stored while the provider is still sitting on the first push
        awaitPushes(otherToken, 1); // and pushed: a round held by a slow push does not hold up the next one
        assertThat(FCM.deliveredTo(slowToken)).isEmpty();
    }

    @Test
    void invalidRegistrationsAreProblemsAndStoreNothing() {
        UUID device = UUID.randomUUID();
        String[] invalid = {
            "{\"channel\":\"sms\",\"token\":\"0912345678\"}",
            "{\"channel\":\"apns\",\"token\":\"not-hex\"}",
            "{\"channel\":\"fcm\",\"token\":\"has spaces in it\"}",
            "{\"channel\":\"fcm\"}",
            "{\"channel\":\"webpush\",\"subscription\":{\"endpoint\":\"https://attacker.example/collect\","
                    + "\"keys\":{\"p256dh\":\"B" + "A".repeat(86) + "\",\"auth\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}}",
            "{\"channel\":\"webpush\",\"subscription\":{\"endpoint\":\"http://fcm.googleapis.com/fcm/send/x\","
                    + "\"keys\":{\"p256dh\":\"B" + "A".repeat(86) + "\",\"auth\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}}",
            "{\"channel\":\"webpush\",\"subscription\":{"
                    + "\"keys\":{\"p256dh\":\"B" + "A".repeat(86) + "\",\"auth\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}}",
            "{not json",
        };
        for (String body : invalid) {
            http.put().uri("/api/v1/devices/me/push").header(GatewayHeaders.DEVICE_ID, device.toString())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(channels(device)).isZero();
    }

    @Test
    void aWebPushSubscriptionOnAKnownPushServiceIsStoredWithoutTheBrowsersKeysAndDeleteRemovesIt() {
        UUID device = UUID.randomUUID();
        register(device, Map.of("channel", "webpush", "subscription", Map.of(
                "endpoint", "https://fcm.googleapis.com/fcm/send/abc:def",
                "keys", Map.of("p256dh", "B" + "A".repeat(86), "auth", "AAAAAAAAAAAAAAAAAAAAAA"))));
        assertThat(channels(device)).isOne();
        assertThat(count("SELECT count(*) AS n FROM notify.push_channel WHERE device_id = :device "
                + "AND token = 'https://fcm.googleapis.com/fcm/send/abc:def' AND p256dh IS NULL AND auth IS NULL", device))
                .as("pushes carry no payload, so the keys to encrypt one are not kept").isOne();

        http.delete().uri("/api/v1/devices/me/push").header(GatewayHeaders.DEVICE_ID, device.toString())
                .exchange().expectStatus().isNoContent();
        assertThat(channels(device)).isZero();
    }

    @Test
    void aChannelNotRegisteredAgainWithinTheRetentionIsDeletedWithItsQueuedPush() throws Exception {
        UUID stale = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        register(stale, Map.of("channel", "fcm", "token", "fcm-" + stale));
        register(recent, Map.of("channel", "fcm", "token", "fcm-" + recent));
        db.sql("UPDATE notify.push_channel SET registered_at = now() - interval '61 days' WHERE device_id = :device")
                .bind("device", stale).then().block();
        db.sql("INSERT INTO notify.push_delivery (alert_id, level, device_id, due_at, created_at) "
                        + "VALUES (:alert, 'F1', :device, now() + interval '1 day', now())")
                .bind("alert", UUID.randomUUID()).bind("device", stale).then().block();

        for (int i = 0; i < 50 && channels(stale) > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(channels(stale)).isZero();
        assertThat(queued(stale)).isZero();
        assertThat(channels(recent)).isEqualTo(1);
    }

    private void register(UUID device, Map<String, Object> registration) {
        http.put().uri("/api/v1/devices/me/push").header(GatewayHeaders.DEVICE_ID, device.toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(registration).exchange()
                .expectStatus().isNoContent();
    }

    private static void awaitPushes(String token, int count) throws InterruptedException {
        for (int i = 0; i < 150 && FCM.deliveredTo(token).size() < count; i++) {
            Thread.sleep(100);
        }
        assertThat(FCM.deliveredTo(token)).hasSize(count);
    }

    private void awaitLevel(UUID device, String level) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            AlertList alerts = http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, device.toString())
                    .exchange().expectStatus().isOk().expectBody(AlertList.class).returnResult().getResponseBody();
            if (!alerts.alerts().isEmpty() && alerts.alerts().get(0).level().equals(level)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + level + " alert for " + device);
    }

    private long channels(UUID device) {
        return count("SELECT count(*) AS n FROM notify.push_channel WHERE device_id = :device", device);
    }

    /** Settled pushes leave the outbox with the rest of their batch. */
    private long awaitNothingQueued(UUID device) throws InterruptedException {
        for (int i = 0; i < 50 && queued(device) > 0; i++) {
            Thread.sleep(100);
        }
        return queued(device);
    }

    private long queued(UUID device) {
        return count("SELECT count(*) AS n FROM notify.push_delivery WHERE device_id = :device", device);
    }

    private long count(String sql, UUID device) {
        return db.sql(sql).bind("device", device).map(row -> row.get("n", Long.class)).one().block();
    }

    private static ContactFound contact(UUID caseId, UUID device, ContactLevel level, int firstInterval) {
        return new ContactFound(UUID.nameUUIDFromBytes((caseId + "/" + device).getBytes()), caseId, device, level,
                level == ContactLevel.F2 ? UUID.randomUUID() : null, LocalDate.now(), 30.0, firstInterval, Instant.now());
    }

    private static void publish(ContactFound contact) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        try (KafkaProducer<String, ContactFound> producer = new KafkaProducer<>(props, new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            producer.send(new ProducerRecord<>(Topics.CONTACTS, contact.deviceId().toString(), contact)).get();
        }
    }
}
