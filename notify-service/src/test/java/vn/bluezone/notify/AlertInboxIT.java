package vn.bluezone.notify;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.api.CaseContacts;
import vn.bluezone.protocol.api.CaseOverview;
import vn.bluezone.protocol.api.CaseSummary;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.events.CaseOpened;
import vn.bluezone.protocol.events.CodeRedeemed;
import vn.bluezone.protocol.auth.OfficialRole;
import vn.bluezone.protocol.auth.OfficialScope;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

// Closed after the class: another IT's context must not consume the same topics and outbox meanwhile.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=", "spring.kafka.consumer.group-id=notify-it"})
class AlertInboxIT {


    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.notifyServiceProperties());
        TestInfrastructure.registerProperties(registry);
    }

    @BeforeAll
    static void contactsTopic() {
        new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers()).ensure(Topics.CONTACTS, Topics.DIAGNOSIS_KEYS, Topics.CASES,
                Topics.DEVICE_ACTIVITY);
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @org.springframework.beans.factory.annotation.Autowired
    vn.bluezone.notify.retention.Retention retention;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = TestClients.bindToServer().filter(AsGateway.identities(TestKeys.NOTIFY_ASSERTIONS)).baseUrl("http://localhost:" + port)
                .build();
    }

    @Test
    void identityHeadersNotAssertedByTheGatewayAreRefused() throws Exception {
        UUID device = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        publish(f1(caseId, device, LocalDate.parse("2026-03-10"), 20.0));
        awaitAlerts(device);
        WebTestClient direct = TestClients.bindToServer().baseUrl("http://localhost:" + port).build();

        direct.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, device.toString()).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType("application/problem+json");
        direct.get().uri("/api/v1/official/cases/{id}/contacts", caseId).header(GatewayHeaders.OFFICIAL, "official")
                .exchange().expectStatus().isUnauthorized();
        String signedForTheOtherService = TestKeys.assertions(TestKeys.UPLOAD_ASSERTIONS, java.time.Clock.systemUTC())
                .issue(new vn.bluezone.protocol.auth.Principal(vn.bluezone.protocol.auth.Role.DEVICE, device.toString()));
        direct.get().uri("/api/v1/alerts").header(GatewayHeaders.ASSERTION, signedForTheOtherService)
                .header(GatewayHeaders.DEVICE_ID, device.toString()).exchange().expectStatus().isUnauthorized();
        direct.put().uri("/api/v1/devices/me/push").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(java.util.Map.of("channel", "fcm", "token", "forged")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aRedeliveredContactEventMakesOneAlertSeenOnlyByItsDevice() throws Exception {
        UUID device = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        openCase(caseId);
        ContactFound contact = f1(caseId, device, LocalDate.parse("2026-03-10"), 20.0);
        publish(contact);
        publish(contact);
        publish(f1(caseId, device, LocalDate.parse("2026-03-11"), 30.0));

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
    void theDelayFromTheUploadThatCompletedAContactToItsStoredAlertIsMeasuredOncePerAlert() throws Exception {
        Timer delay = meters.timer("bluezone.alerts.delay", "level", "F1");
        long countBefore = delay.count();
        double secondsBefore = delay.totalTime(TimeUnit.SECONDS);
        double duplicatesBefore = meters.counter("bluezone.alerts.duplicates").count();
        UUID device = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        openCase(caseId);
        ContactFound contact = f1(caseId, device, LocalDate.parse("2026-03-10"), 20.0);
        long uploadedAt = System.currentTimeMillis() - 4_000; // the engine stamps a contact with its upload
        publish(contact, uploadedAt);
        publish(contact, uploadedAt); // redelivered: no second alert, so no second measurement

        awaitAlerts(device);
        for (int i = 0; i < 50 && meters.counter("bluezone.alerts.duplicates").count() == duplicatesBefore; i++) {
            Thread.sleep(200);
        }
        assertThat(meters.counter("bluezone.alerts.duplicates").count()).isGreaterThan(duplicatesBefore);
        assertThat(delay.count() - countBefore).isEqualTo(1);
        assertThat(delay.totalTime(TimeUnit.SECONDS) - secondsBefore).isBetween(4.0, 60.0);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void unreadableAndInvalidEventsGoToTheDeadLetterTopicNeitherIsLoggedAndLaterEventsStillArrive(CapturedOutput logs)
            throws Exception {
        UUID device = UUID.randomUUID();
        // A parser's message quotes the token it choked on: here an RPI-like hex string.
        String rpi = device.toString().replace("-", "");
        String unreadable = "{\"rpi\": x" + rpi + ", \"device\": \"" + device + "\"}";
        String invalid = "{\"contactId\":\"" + UUID.randomUUID() + "\",\"level\":\"F1\",\"note\":\"" + device + "\"}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTACTS, device.toString(), unreadable)).get();
            producer.send(new ProducerRecord<>(Topics.CONTACTS, device.toString(), invalid)).get();
        }
        publish(f1(UUID.randomUUID(), device, LocalDate.parse("2026-03-10"), 16.0));

        assertThat(awaitAlerts(device).alerts()).hasSize(1);
        List<String> deadLetters = new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers())
                .read(Topics.deadLetter(Topics.CONTACTS), new org.apache.kafka.common.serialization.StringDeserializer(),
                        value -> value != null && value.contains(device.toString()), 2, Duration.ofSeconds(20))
                .stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value).toList();
        assertThat(deadLetters).as("the unreadable event as it arrived, and the invalid one")
                .hasSize(2).contains(unreadable).anySatisfy(value -> assertThat(value).contains("\"level\":\"F1\""));
        for (int i = 0; i < 50 && !logs.getAll().contains("Dead-lettered " + Topics.CONTACTS); i++) {
            Thread.sleep(100);
        }
        assertThat(logs.getAll()).contains("Dead-lettered " + Topics.CONTACTS).doesNotContain(device.toString())
                .doesNotContain(rpi);
    }

    @Test
    void alertsKeyUploadsAndCasesPastTheirRetentionAreGone() throws Exception {
        UUID caseId = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        openCase(caseId);
        publish(f1(caseId, device, today.minusDays(2), 20.0));
        awaitAlerts(device);
        db.sql("INSERT INTO notify.key_upload (upload_id, case_id, device_id, level, published_at) VALUES (:u, :c, :d, 'F0', now())")
                .bind("u", UUID.randomUUID()).bind("c", caseId).bind("d", UUID.randomUUID()).then().block();
        send(Topics.CASES, caseId.toString(), new CodeRedeemed(caseId, Instant.now()));
        for (int i = 0; i < 100 && count("SELECT count(*) AS n FROM notify.case_redemption WHERE case_id = '" + caseId + "'") == 0; i++) {
            Thread.sleep(100);
        }
        Instant now = Instant.now();

        retention.sweep(now);
        assertThat(alertsOf(device).alerts()).hasSize(1);
        assertThat(count("SELECT count(*) AS n FROM notify.case_redemption WHERE case_id = '" + caseId + "'")).isEqualTo(1);
        retention.sweep(now.plus(Duration.ofDays(31)));
        assertThat(count("SELECT count(*) AS n FROM notify.case_redemption WHERE case_id = '" + caseId + "'")).isZero();
        assertThat(alertsOf(device).alerts()).isEmpty();
        assertThat(count("SELECT count(*) AS n FROM notify.key_upload WHERE case_id = '" + caseId + "'")).isZero();
        http.get().uri("/api/v1/official/cases/{id}", caseId).header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isNotFound();
        assertThat(meters.counter("bluezone.retention.deleted", "table", "alert").count()).isPositive();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    @Test
    void answersWithAndWithoutAlertsHaveTheSameSizeAndEtagLength() throws Exception {
        UUID alerted = UUID.randomUUID();
        publish(f1(UUID.randomUUID(), alerted, LocalDate.parse("2026-03-10"), 20.0)); // F1: carries an upload token
        awaitAlerts(alerted);
        var withAlert = http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, alerted.toString()).exchange()
                .expectStatus().isOk().expectBody().returnResult();
        var without = http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString())
                .exchange().expectStatus().isOk().expectBody().returnResult();

        assertThat(new String(withAlert.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8)).contains("uploadToken");
        assertThat(withAlert.getResponseBodyContent()).hasSize(AlertList.SIZE_BUCKET);
        // Byte for byte what the gateway answers for a device without alerts.
        assertThat(new String(without.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(AlertList.NO_ALERTS_JSON).hasSize(AlertList.SIZE_BUCKET);
        assertThat(withAlert.getResponseHeaders().getETag()).hasSameSizeAs(AlertList.NO_ALERTS_ETAG)
                .isNotEqualTo(AlertList.NO_ALERTS_ETAG);
        assertThat(without.getResponseHeaders().getETag()).isEqualTo(AlertList.NO_ALERTS_ETAG);
    }

    /** The grant an F1 upload token stands for, as the upload-service verifies it. */
    private static UploadGrant grantOf(String uploadToken) {
        return TestKeys.uploadGrants(java.time.Clock.systemUTC()).verify(uploadToken).orElseThrow();
    }

    @Test
    void anF2IsUpgradedToF1OnceAndOnlyF1AlertsCarryAnUploadToken() throws Exception {
        UUID caseId = UUID.randomUUID();
        openCase(caseId);
        UUID f1Device = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        ContactFound asF2 = new ContactFound(UUID.randomUUID(), caseId, device, ContactLevel.F2, f1Device,
                LocalDate.parse("2026-03-10"), 16.0, 100, Instant.now());
        publish(asF2);
        AlertList.Alert f2 = awaitAlerts(device).alerts().get(0);
        assertThat(f2.level()).isEqualTo("F2");
        assertThat(f2.uploadToken()).isNull();

        publish(new ContactFound(asF2.contactId(), caseId, device, ContactLevel.F1, null, LocalDate.parse("2026-03-11"),
                18.0, 150, Instant.now()));
        AlertList.Alert upgraded = awaitLevel(device, "F1");
        publish(asF2); // a late F2 never downgrades
        Thread.sleep(1000);

        assertThat(alertsOf(device).alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo("F1");
            assertThat(alert.alertId()).isEqualTo(asF2.contactId());
            assertThat(alert.createdAt()).isAfter(f2.createdAt());
            // Signed once per grant (an ES256 signature per poll was the service's largest cost), not per poll.
            assertThat(alert.uploadToken()).isEqualTo(upgraded.uploadToken());
        });
        UploadGrant grant = grantOf(upgraded.uploadToken());
        assertThat(grant.deviceId()).isEqualTo(device);
        assertThat(grant.caseId()).isEqualTo(caseId);
        assertThat(grant.level()).isEqualTo(ContactLevel.F1);
        assertThat(grant.infectiousFromInterval()).isEqualTo(150);

        // A late, earlier exposure moves the F1's start: same alert, new token from the earlier start.
        publish(new ContactFound(asF2.contactId(), caseId, device, ContactLevel.F1, null, LocalDate.parse("2026-03-11"),
                18.0, 120, Instant.now()));
        UploadGrant earlier = grant;
        for (int i = 0; i < 50 && earlier.equals(grant); i++) {
            Thread.sleep(200);
            earlier = grantOf(alertsOf(device).alerts().get(0).uploadToken());
        }
        assertThat(earlier.infectiousFromInterval()).isEqualTo(120);
        assertThat(earlier.grantId()).isNotEqualTo(grant.grantId());
        assertThat(alertsOf(device).alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.createdAt()).isEqualTo(upgraded.createdAt()));

        CaseContacts contacts = http.get().uri("/api/v1/official/cases/{id}/contacts", caseId)
                .header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectBody(CaseContacts.class).returnResult().getResponseBody();
        assertThat(contacts.contacts()).singleElement().satisfies(c -> assertThat(c.viaDeviceId()).isNull());
    }

    @Test
    void theCaseSummaryCountsContactsPerLevelAndListsKeyUploads() throws Exception {
        UUID caseId = UUID.randomUUID();
        openCase(caseId);
        UUID f0 = UUID.randomUUID();
        UUID f1 = UUID.randomUUID();
        UUID f2 = UUID.randomUUID();
        try (KafkaProducer<String, DiagnosisKeysPublished> producer = new KafkaProducer<>(producerProps(),
                new StringSerializer(), new JsonSerde<>(DiagnosisKeysPublished.class))) {
            producer.send(new ProducerRecord<>(Topics.DIAGNOSIS_KEYS, caseId.toString(), new DiagnosisKeysPublished(
                    UUID.randomUUID(), caseId, f0, ContactLevel.F0, 0, List.of(f0), List.of(), Instant.now()))).get();
        }
        publish(f1(caseId, f1, LocalDate.parse("2026-03-10"), 20.0));
        publish(new ContactFound(UUID.randomUUID(), caseId, f2, ContactLevel.F2, f1, LocalDate.parse("2026-03-11"), 15.0,
                10, Instant.now()));
        awaitAlerts(f2);

        CaseSummary summary = null;
        for (int i = 0; i < 50 && (summary == null || summary.keyUploads().isEmpty()); i++) {
            Thread.sleep(200);
            summary = http.get().uri("/api/v1/official/cases/{id}", caseId).header(GatewayHeaders.OFFICIAL, "official")
                    .exchange().expectStatus().isOk().expectBody(CaseSummary.class).returnResult().getResponseBody();
        }
        assertThat(summary.f1Count()).isEqualTo(1);
        assertThat(summary.f2Count()).isEqualTo(1);
        assertThat(summary.keyUploads()).singleElement().satisfies(upload -> {
            assertThat(upload.deviceId()).isEqualTo(f0);
            assertThat(upload.level()).isEqualTo("F0");
        });
        assertThat(summary.firstContactFoundAt()).isNotNull();
        CaseContacts contacts = http.get().uri("/api/v1/official/cases/{id}/contacts", caseId)
                .header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectBody(CaseContacts.class).returnResult().getResponseBody();
        assertThat(contacts.contacts()).filteredOn(c -> c.deviceId().equals(f2)).singleElement()
                .satisfies(c -> assertThat(c.viaDeviceId()).isEqualTo(f1));
    }

    @Test
    void pollsAnswer304WhenNothingChangedAndDevicesWithoutAlertsCostNoDatabaseRead() throws Exception {
        UUID quiet = UUID.randomUUID();
        UUID alerted = UUID.randomUUID();
        publish(f1(UUID.randomUUID(), alerted, LocalDate.parse("2026-03-10"), 20.0));
        awaitAlerts(alerted);

        String none = http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, quiet.toString()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.alerts").isEmpty()
                .returnResult().getResponseHeaders().getETag();
        http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, quiet.toString()).ifNoneMatch(none)
                .exchange().expectStatus().isNotModified();
        String some = http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, alerted.toString()).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        assertThat(some).isNotEqualTo(none);
        http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, alerted.toString()).ifNoneMatch(some)
                .exchange().expectStatus().isNotModified();
        http.get().uri("/api/v1/alerts").header(GatewayHeaders.DEVICE_ID, alerted.toString()).ifNoneMatch(none)
                .exchange().expectStatus().isOk();

        long before = alertTableScans();
        for (int i = 0; i < 50; i++) {
            alertsOf(UUID.randomUUID());
        }
        long afterQuietPolls = alertTableScans();
        for (int i = 0; i < 5; i++) {
            alertsOf(alerted);
        }
        assertThat(afterQuietPolls).as("no read for devices without alerts").isEqualTo(before);
        assertThat(alertTableScans()).as("the measure sees reads").isGreaterThan(afterQuietPolls);
    }

    /**
     * Sequential and index scans PostgreSQL counted on notify.alert. An idle backend reports its
     * statistics only every 10 s (PGSTAT_IDLE_INTERVAL), so wait that out first.
     */
    private long alertTableScans() throws InterruptedException {
        Thread.sleep(11_000);
        return db.sql("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables "
                        + "WHERE schemaname = 'notify' AND relname = 'alert'")
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static ContactFound f1(UUID caseId, UUID device, LocalDate day, double minutes) {
        return new ContactFound(UUID.randomUUID(), caseId, device, ContactLevel.F1, null, day, minutes, 0, Instant.now());
    }

    private AlertList.Alert awaitLevel(UUID device, String level) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<AlertList.Alert> alerts = alertsOf(device).alerts();
            if (!alerts.isEmpty() && alerts.get(0).level().equals(level)) {
                return alerts.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No " + level + " alert for " + device);
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

    @Test
    void anUnknownCaseIsNotFoundAndAnOpenedOneWithoutContactsIsEmpty() throws Exception {
        UUID unknown = UUID.randomUUID();
        for (String path : List.of("/api/v1/official/cases/{id}", "/api/v1/official/cases/{id}/contacts")) {
            http.get().uri(path, unknown).header(GatewayHeaders.OFFICIAL, "official").exchange()
                    .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
        }
        UUID opened = UUID.randomUUID();
        openCase(opened);
        openCase(opened); // redelivered: still one case
        CaseContacts contacts = http.get().uri("/api/v1/official/cases/{id}/contacts", opened)
                .header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBody(CaseContacts.class).returnResult().getResponseBody();
        assertThat(contacts.contacts()).isEmpty();
    }

    /** As the upload-service announces a case it opened; returns once the notify-service knows it. */
    private void openCase(UUID caseId) throws Exception {
        try (KafkaProducer<String, CaseOpened> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new JsonSerde<>(CaseOpened.class))) {
            producer.send(new ProducerRecord<>(Topics.CASES, caseId.toString(), new CaseOpened(caseId, "01", Instant.now(), null))).get();
        }
        for (int i = 0; i < 100; i++) {
            if (http.get().uri("/api/v1/official/cases/{id}", caseId).header(GatewayHeaders.OFFICIAL, "official").exchange()
                    .returnResult(String.class).getStatus().value() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The notify-service never learnt of case " + caseId);
    }

    @Test
    void aCaseIsFollowedFromCodeToDeliveredAlertsInTheListAndTheTimeline() throws Exception {
        UUID caseId = UUID.randomUUID();
        UUID f0 = UUID.randomUUID();
        UUID f1 = UUID.randomUUID();
        LocalDate tested = LocalDate.parse("2026-03-09");
        send(Topics.CASES, caseId.toString(), new CaseOpened(caseId, "11", Instant.now(), tested));
        awaitStatus(caseId, CaseOverview.Status.CODE_ISSUED);
        send(Topics.CASES, caseId.toString(), new CodeRedeemed(caseId, Instant.now()));
        awaitStatus(caseId, CaseOverview.Status.CODE_REDEEMED);
        send(Topics.DIAGNOSIS_KEYS, caseId.toString(), new DiagnosisKeysPublished(UUID.randomUUID(), caseId, f0,
                ContactLevel.F0, 0, List.of(f0), List.of(), Instant.now()));
        awaitStatus(caseId, CaseOverview.Status.KEYS_UPLOADED);
        publish(f1(caseId, f1, LocalDate.parse("2026-03-08"), 25.0));
        CaseOverview found = awaitStatus(caseId, CaseOverview.Status.CONTACTS_FOUND);
        assertThat(found.f1Count()).isEqualTo(1);
        assertThat(found.testDate()).isEqualTo(tested);
        assertThat(found.provinceCode()).isEqualTo("11");

        CaseSummary before = summaryOf(caseId);
        assertThat(before.codeRedeemedAt()).isNotNull();
        assertThat(before.firstF1FoundAt()).isNotNull();
        assertThat(before.firstAlertDeliveredAt()).as("no phone fetched its alert yet").isNull();
        alertsOf(f1);
        assertThat(summaryOf(caseId).firstAlertDeliveredAt()).isNotNull();

        assertThat(list("?status=CODE_ISSUED&province=11").cases()).extracting(CaseOverview::caseId).doesNotContain(caseId);
        assertThat(list("?testedFrom=2026-03-09&testedTo=2026-03-09").cases()).extracting(CaseOverview::caseId).contains(caseId);
        assertThat(list("?testedFrom=2026-03-10").cases()).extracting(CaseOverview::caseId).doesNotContain(caseId);
    }

    @Test
    void anOfficialSeesOnlyTheCasesOfTheAccountsProvinces() throws Exception {
        UUID dienBien = UUID.randomUUID();
        UUID haNoi = UUID.randomUUID();
        send(Topics.CASES, dienBien.toString(), new CaseOpened(dienBien, "11", Instant.now(), null));
        send(Topics.CASES, haNoi.toString(), new CaseOpened(haNoi, "01", Instant.now(), null));
        awaitStatus(dienBien, CaseOverview.Status.CODE_ISSUED);
        awaitStatus(haNoi, CaseOverview.Status.CODE_ISSUED);
        WebTestClient lan = TestClients.bindToServer().filter(AsGateway.identities(TestKeys.NOTIFY_ASSERTIONS,
                new OfficialScope(Set.of(OfficialRole.HEALTH_OFFICIAL), Set.of("11")))).baseUrl("http://localhost:" + port)
                .build();
        WebTestClient officer = TestClients.bindToServer().filter(AsGateway.identities(TestKeys.NOTIFY_ASSERTIONS,
                new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER), Set.of("01")))).baseUrl("http://localhost:" + port)
                .build();

        for (String path : List.of("/api/v1/official/cases/{id}", "/api/v1/official/cases/{id}/contacts")) {
            lan.get().uri(path, haNoi).header(GatewayHeaders.OFFICIAL, "lan").exchange()
                    .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
            lan.get().uri(path, dienBien).header(GatewayHeaders.OFFICIAL, "lan").exchange().expectStatus().isOk();
            officer.get().uri(path, haNoi).header(GatewayHeaders.OFFICIAL, "officer").exchange().expectStatus().isForbidden();
        }
        assertThat(lan.get().uri("/api/v1/official/cases?limit=200").header(GatewayHeaders.OFFICIAL, "lan").exchange()
                .expectStatus().isOk().expectBody(CaseOverview.Page.class).returnResult().getResponseBody().cases())
                .extracting(CaseOverview::provinceCode).containsOnly("11");
        lan.get().uri("/api/v1/official/cases?province=01").header(GatewayHeaders.OFFICIAL, "lan").exchange()
                .expectStatus().isForbidden().expectHeader().contentType("application/problem+json");
        officer.get().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "officer").exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/official/cases").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString()).exchange()
                .expectStatus().isForbidden();
    }

    private CaseOverview awaitStatus(UUID caseId, CaseOverview.Status status) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            java.util.Optional<CaseOverview> found = list("?status=" + status + "&limit=200").cases().stream()
                    .filter(overview -> overview.caseId().equals(caseId)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Case " + caseId + " never reached " + status);
    }

    private CaseOverview.Page list(String query) {
        return http.get().uri("/api/v1/official/cases" + query).header(GatewayHeaders.OFFICIAL, "official").exchange()
                .expectStatus().isOk().expectBody(CaseOverview.Page.class).returnResult().getResponseBody();
    }

    private CaseSummary summaryOf(UUID caseId) {
        return http.get().uri("/api/v1/official/cases/{id}", caseId).header(GatewayHeaders.OFFICIAL, "official")
                .exchange().expectStatus().isOk().expectBody(CaseSummary.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked") // the serde's type is the event's own class
    private static <T> void send(String topic, String key, T event) throws Exception {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new JsonSerde<>((Class<T>) event.getClass()))) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        }
    }

    private static void publish(ContactFound contact) throws Exception {
        publish(contact, System.currentTimeMillis());
    }

    private static void publish(ContactFound contact, long timestamp) throws Exception {
        try (KafkaProducer<String, ContactFound> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            producer.send(new ProducerRecord<>(Topics.CONTACTS, null, timestamp, contact.deviceId().toString(), contact)).get();
        }
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        return props;
    }
}
