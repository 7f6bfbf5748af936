package vn.bluezone.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.api.CaseContacts;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.TestInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "spring.kafka.consumer.group-id=notify-it"})
class AlertInboxIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerProperties(registry);
    }

    @BeforeAll
    static void contactsTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CONTACTS, 2, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aRedeliveredContactEventMakesOneAlertSeenOnlyByItsDevice() throws Exception {
        UUID device = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        ContactFound contact = new ContactFound(UUID.randomUUID(), caseId, device, ContactLevel.F1,
                LocalDate.parse("2026-03-10"), 20.0, Instant.now());
        publish(contact);
        publish(contact);
        publish(new ContactFound(UUID.randomUUID(), caseId, device, ContactLevel.F1, LocalDate.parse("2026-03-11"), 30.0,
                Instant.now()));

        AlertList alerts = awaitAlerts(device);
        assertThat(alerts.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(contact.contactId());
            assertThat(alert.level()).isEqualTo("F1");
            assertThat(alert.exposureDate()).isEqualTo(LocalDate.parse("2026-03-10"));
            assertThat(alert.weightedMinutes()).isEqualTo(20.0);
        });
        assertThat(alertsOf(UUID.randomUUID()).alerts()).isEmpty();

        CaseContacts contacts = http.get().uri("/api/v1/official/cases/{id}/contacts", caseId)
                .header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBody(CaseContacts.class).returnResult().getResponseBody();
        assertThat(contacts.contacts()).extracting(CaseContacts.Contact::deviceId).containsExactly(device);
    }

    @Test
    void aMalformedEventIsSkippedAndLaterEventsStillArrive() throws Exception {
        UUID device = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTACTS, device.toString(), "{not json")).get();
        }
        publish(new ContactFound(UUID.randomUUID(), UUID.randomUUID(), device, ContactLevel.F1, LocalDate.parse("2026-03-10"),
                16.0, Instant.now()));

        assertThat(awaitAlerts(device).alerts()).hasSize(1);
    }

    private AlertList awaitAlerts(UUID device) throws InterruptedException {
        AlertList alerts = alertsOf(device);
        for (int i = 0; i < 100 && alerts.alerts().isEmpty(); i++) {
            Thread.sleep(200);
            alerts = alertsOf(device);
        }
        Thread.sleep(500); // let any duplicate delivery land before the caller counts
        return alertsOf(device);
    }

    private AlertList alertsOf(UUID device) {
        return http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, device.toString()).exchange()
                .expectStatus().isOk().expectBody(AlertList.class).returnResult().getResponseBody();
    }

    private static void publish(ContactFound contact) throws Exception {
        try (KafkaProducer<String, ContactFound> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            producer.send(new ProducerRecord<>(Topics.CONTACTS, contact.deviceId().toString(), contact)).get();
        }
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        return props;
    }
}
