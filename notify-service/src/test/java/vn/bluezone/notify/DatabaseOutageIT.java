package vn.bluezone.notify;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.http.MediaType;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.FcmStub;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

/** The notify-service across a real PostgreSQL restart: nothing lost, nothing doubled, 503 not 500. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "spring.kafka.consumer.group-id=notify-outage-it",
                "bluezone.kafka.consumer-retry.max-interval=2s"})
class DatabaseOutageIT {

    static final Duration DOWNTIME = Duration.ofSeconds(8);
    private static final FcmStub FCM = FcmStub.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.notifyServiceProperties());
        TestInfrastructure.registerProperties(registry);
        FCM.registerProperties(registry);
    }

    @AfterAll
    static void stopFcm() {
        FCM.close();
    }

    @BeforeAll
    static void topics() {
        new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers()).ensure(Topics.CONTACTS, Topics.DIAGNOSIS_KEYS, Topics.CASES,
                Topics.DEVICE_ACTIVITY);
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Test
    void contactEventsInFlightDuringAPostgresRestartBecomeOneAlertEachArePushedAndPollsMeanwhileGet503() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        assumeTrue(infra.supportsFaults(), "needs the embedded database to restart it");
        WebTestClient http = TestClients.bindToServer().filter(AsGateway.identities(TestKeys.NOTIFY_ASSERTIONS)).baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        UUID caseId = UUID.randomUUID();
        UUID alerted = UUID.randomUUID();
        publish(List.of(f1(caseId, alerted)));
        awaitAlertCounts(caseId, 1);
        double createdBefore = meters.counter("bluezone.alerts.stored").count();
        long measuredBefore = meters.timer("bluezone.alerts.delay", "level", "F1").count();

        List<UUID> contacts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contacts.add(UUID.randomUUID());
            http.put().uri("/api/v1/devices/me/push").header(GatewayHeaders.DEVICE_ID, contacts.get(i).toString())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channel", "fcm", "token", "fcm-" + contacts.get(i)))
                    .exchange().expectStatus().isNoContent();
        }
        publish(contacts.subList(0, 20).stream().map(device -> f1(caseId, device)).toList());
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                infra.restartDatabase(DOWNTIME);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        publish(contacts.subList(20, 40).stream().map(device -> f1(caseId, device)).toList());

        List<Integer> statusesWhileDown = new ArrayList<>();
        EntityExchangeResult<byte[]> unavailable = null;
        while (!restart.isDone()) {
            EntityExchangeResult<byte[]> poll = poll(http, alerted);
            statusesWhileDown.add(poll.getStatus().value());
            if (poll.getStatus().value() == 503) {
                unavailable = poll;
            }
            Thread.sleep(300);
        }
        restart.get();
        assertThat(statusesWhileDown).as("polls of a device with alerts while PostgreSQL is down").doesNotContain(500)
                .contains(503);
        assertThat(unavailable.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(unavailable.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(poll(http, alerted).getStatus().value()).as("the first poll after the restart").isEqualTo(200);

        Map<UUID, Long> alertsPerDevice = awaitAlertCounts(caseId, 41);
        assertThat(alertsPerDevice).hasSize(41).allSatisfy((device, count) -> assertThat(count).isEqualTo(1L));
        assertThat(meters.counter("bluezone.alerts.stored").count() - createdBefore)
                .as("every event stored, none lost to the outage").isEqualTo(40.0);
        assertThat(meters.timer("bluezone.alerts.delay", "level", "F1").count() - measuredBefore)
                .as("one delay measured per stored alert, however often its write was retried").isEqualTo(40);
        // The push dispatcher's rounds failed while PostgreSQL was down and go on after it: every device is
        // pushed (at least once: a push sent just before its row could be settled is sent again after the lease).
        for (int i = 0; i < 150 && contacts.stream().anyMatch(device -> FCM.deliveredTo("fcm-" + device).isEmpty()); i++) {
            Thread.sleep(200);
        }
        assertThat(contacts).as("devices pushed after the outage")
                .allSatisfy(device -> assertThat(FCM.deliveredTo("fcm-" + device)).isNotEmpty());
        assertThat(new KafkaTopics(infra.kafkaBootstrapServers()).read(Topics.deadLetter(Topics.CONTACTS),
                new ByteArrayDeserializer(), value -> new String(value).contains(caseId.toString()), 1, Duration.ofSeconds(2)))
                .as("an outage dead-letters nothing").isEmpty();
    }

    private static EntityExchangeResult<byte[]> poll(WebTestClient http, UUID device) {
        return http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, device.toString()).exchange()
                .expectBody().returnResult();
    }

    private Map<UUID, Long> awaitAlertCounts(UUID caseId, int devices) throws InterruptedException {
        Map<UUID, Long> counts = Map.of();
        for (int i = 0; i < 300 && counts.size() < devices; i++) {
            Thread.sleep(200);
            counts = alertCounts(caseId);
        }
        Thread.sleep(1000); // let a doubled delivery land before counting
        return alertCounts(caseId);
    }

    private Map<UUID, Long> alertCounts(UUID caseId) {
        try {
            return db.sql("SELECT device_id, count(*) AS n FROM notify.alert WHERE case_id = :c GROUP BY device_id")
                    .bind("c", caseId)
                    .map(row -> Map.entry(row.get("device_id", UUID.class), row.get("n", Long.class)))
                    .all().collectList().block(Duration.ofSeconds(10)).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        } catch (RuntimeException e) {
            return Map.of(); // still restarting
        }
    }

    private static ContactFound f1(UUID caseId, UUID device) {
        return new ContactFound(UUID.randomUUID(), caseId, device, ContactLevel.F1, null, LocalDate.parse("2026-03-10"),
                20.0, 0, Instant.now());
    }

    private static void publish(List<ContactFound> events) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        try (KafkaProducer<String, ContactFound> producer = new KafkaProducer<>(props, new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            for (ContactFound event : events) {
                producer.send(new ProducerRecord<>(Topics.CONTACTS, event.deviceId().toString(), event)).get();
            }
        }
    }
}
