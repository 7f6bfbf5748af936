package vn.bluezone.upload;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DeviceRegistered;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.protocol.auth.UploadGrant;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.SightingSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;
import vn.bluezone.upload.retention.Retention;

/** The upload API behind the gateway (callers present the headers the gateway sets), on real Kafka and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bluezone.upload.bootstrap-official-user=official",
        "bluezone.upload.bootstrap-official-password=correct horse",
        "bluezone.upload.topic-partitions=3",
        "logging.structured.format.console="})
class UploadApiIT {


    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.uploadServiceProperties());
        TestInfrastructure.registerProperties(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    BearerTokens tokens;

    @Autowired
    DatabaseClient db;

    @Autowired
    Retention retention;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    WebTestClient http;
    KafkaTopics kafka = new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers());

    @BeforeEach
    void client() {
        http = TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS)).baseUrl("http://localhost:" + port).build();
    }

    @Test
    void identityHeadersNotAssertedByTheGatewayAreRefusedAndChangeNothing() {
        WebTestClient direct = TestClients.bindToServer().baseUrl("http://localhost:" + port).build();
        long sightingsBefore = kafka.endOffsetSum(Topics.SIGHTINGS);
        Long casesBefore = db.sql("SELECT count(*) AS n FROM upload.covid_case").map(row -> row.get("n", Long.class)).one().block();
        int now = EnIntervals.of(Instant.now());
        SightingBatch batch = new SightingBatch(List.of(new SightingBatch.Sighting(new byte[16], now, 60, 50)));
        CaseRegistration registration = new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "01");
        Principal official = AsGateway.bootstrapOfficial("official");
        String signedForTheOtherService = TestKeys.assertions(TestKeys.NOTIFY_ASSERTIONS, java.time.Clock.systemUTC()).issue(official);
        String expired = TestKeys.assertions(TestKeys.UPLOAD_ASSERTIONS, java.time.Clock.offset(java.time.Clock.systemUTC(),
                IdentityAssertions.LIFETIME.negated().minusSeconds(1))).issue(official);

        direct.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString())
                .bodyValue(batch).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        direct.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(registration).exchange().expectStatus().isUnauthorized();
        for (String assertion : List.of(signedForTheOtherService, expired, "not-a-jwt")) {
            direct.post().uri("/api/v1/official/cases").header(GatewayHeaders.ASSERTION, assertion)
                    .header(GatewayHeaders.OFFICIAL, "official").bodyValue(registration).exchange()
                    .expectStatus().isUnauthorized();
        }
        direct.post().uri("/api/v1/official/cases").header(GatewayHeaders.ASSERTION,
                        TestKeys.assertions(TestKeys.UPLOAD_ASSERTIONS, java.time.Clock.systemUTC()).issue(official))
                .header(GatewayHeaders.OFFICIAL, "someone-else").bodyValue(registration).exchange()
                .expectStatus().isCreated(); // the asserted official, whatever the header says

        assertThat(kafka.endOffsetSum(Topics.SIGHTINGS)).isEqualTo(sightingsBefore);
        assertThat(db.sql("SELECT count(*) AS n FROM upload.covid_case WHERE created_by = 'someone-else'")
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        assertThat(db.sql("SELECT count(*) AS n FROM upload.covid_case").map(row -> row.get("n", Long.class)).one().block())
                .isEqualTo(casesBefore + 1);
    }

    @Test
    void registeredDeviceGetsATokenForItsOwnIdAndIsKeptOnlyAsACount() {
        long before = count("SELECT coalesce(sum(registrations), 0) AS n FROM upload.registration_count "
                + "WHERE province_code = '01' AND platform = 'android'");
        DeviceRegistered device = register();
        assertThat(tokens.verify(device.deviceToken())).contains(Principal.device(device.deviceId().toString(), "01"));
        assertThat(count("SELECT coalesce(sum(registrations), 0) AS n FROM upload.registration_count "
                + "WHERE province_code = '01' AND platform = 'android'")).isEqualTo(before + 1);
        assertThat(count("SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = 'upload' "
                + "AND column_name = 'device_id' AND table_name NOT IN ('spent_upload_grant', 'device_activity')"))
                .as("no table lists devices").isZero();
        // Devices that polled are kept 7 days for the active-device counts; registering is not polling.
        assertThat(count("SELECT count(*) AS n FROM upload.device_activity WHERE device_id = '" + device.deviceId() + "'"))
                .isZero();
    }

    @Test
    void provinceCodesOutsideTheAdministrativeUnitsAreProblemsAndChangeNothing() {
        String allCounts = "SELECT coalesce(sum(registrations), 0) AS n FROM upload.registration_count";
        long registrationsBefore = count(allCounts);
        long casesBefore = count("SELECT count(*) AS n FROM upload.covid_case");
        for (String stale : List.of("HN", "02", "99")) { // a name, Hà Giang (merged in 2025), nothing
            http.post().uri("/api/v1/devices").bodyValue(new DeviceRegistration("android", stale)).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                            .contains("'" + stale + "'", "2025"));
            http.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                    .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, stale)).exchange()
                    .expectStatus().isBadRequest();
        }
        assertThat(count(allCounts)).isEqualTo(registrationsBefore);
        assertThat(count("SELECT count(*) AS n FROM upload.covid_case")).isEqualTo(casesBefore);
        // Without a province a phone still registers (counted under no province).
        http.post().uri("/api/v1/devices").bodyValue(new DeviceRegistration("web", null)).exchange().expectStatus().isCreated();
    }

    @Test
    void casesCodesGrantsAndLimitsPastTheirRetentionAreGoneAndOnlyAnonymousCountsRemain() {
        String province = "11"; // Điện Biên
        String casesOfProvince = "SELECT coalesce(sum(cases), 0) AS n FROM upload.case_count WHERE province_code = '" + province + "'";
        long countedBefore = count(casesOfProvince);
        CaseCreated created = http.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, province))
                .exchange().expectStatus().isCreated().expectBody(CaseCreated.class).returnResult().getResponseBody();
        UUID device = UUID.randomUUID();
        UploadAuthorization auth = verify(device, created.verificationCode()).expectBody(UploadAuthorization.class)
                .returnResult().getResponseBody();
        postKeys(device, new DiagnosisKeyUpload(auth.uploadToken(), keys(1))).expectStatus().isAccepted();
        http.post().uri("/api/v1/official/cases/{id}/codes", created.caseId()).header(GatewayHeaders.OFFICIAL, "official")
                .exchange().expectStatus().isCreated(); // an unexpired code when the case's retention ends
        String ofCase = " WHERE case_id = '" + created.caseId() + "'";
        Instant now = Instant.now();

        retention.sweep(now);
        assertThat(count("SELECT count(*) AS n FROM upload.covid_case WHERE id = '" + created.caseId() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM upload.spent_upload_grant" + ofCase)).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM upload.verification_code" + ofCase)).isEqualTo(2);
        assertThat(count("SELECT count(*) AS n FROM upload.attempt_window WHERE purpose = 'verify-device'")).isPositive();
        // The redeemed code expires: nothing needs it any more.
        db.sql("UPDATE upload.verification_code SET expires_at = now() - interval '1 second' WHERE redeemed_at IS NOT NULL "
                + "AND case_id = :c").bind("c", created.caseId()).then().block();
        retention.sweep(now);
        assertThat(count("SELECT count(*) AS n FROM upload.verification_code" + ofCase)).isEqualTo(1);

        // Every case of the province still stored (other tests' too) is counted once it is deleted.
        long storedOfProvince = count("SELECT count(*) AS n FROM upload.covid_case WHERE province_code = '" + province + "'");
        assertThat(storedOfProvince).isPositive();
        Map<String, Long> deleted = retention.sweep(now.plus(Duration.ofDays(31)));

        assertThat(count("SELECT count(*) AS n FROM upload.covid_case WHERE id = '" + created.caseId() + "'")).isZero();
        assertThat(count("SELECT count(*) AS n FROM upload.verification_code" + ofCase)).isZero();
        assertThat(count("SELECT count(*) AS n FROM upload.spent_upload_grant" + ofCase)).isZero();
        assertThat(count("SELECT count(*) AS n FROM upload.attempt_window")).isZero();
        assertThat(count(casesOfProvince)).isEqualTo(countedBefore + storedOfProvince);
        assertThat(count("SELECT count(*) AS n FROM upload.covid_case WHERE province_code = '" + province + "'")).isZero();
        assertThat(deleted).containsKeys("covid_case", "verification_code", "spent_upload_grant", "attempt_window")
                .allSatisfy((table, rows) -> {
                    if (!table.equals("audit_event")) {
                        assertThat(rows).as(table).isPositive();
                    }
                });
        assertThat(count("SELECT count(*) AS n FROM upload.audit_event WHERE target = '" + created.caseId() + "'"))
                .as("the audit log outlives the cases it names").isPositive();
        assertThat(meters.counter("bluezone.retention.deleted", "table", "covid_case").count()).isPositive();

        retention.sweep(now.plus(Duration.ofDays(401)));
        assertThat(count("SELECT count(*) AS n FROM upload.audit_event WHERE target = '" + created.caseId() + "'"))
                .as("after the audit retention (400 days)").isZero();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    @Test
    void invalidPlatformIsAProblemAndRegistersNothing() {
        http.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("platform", "symbian"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("platform");
    }

    @Test
    void acceptedSightingsAreInKafkaKeyedByRpi() {
        UUID deviceId = UUID.randomUUID();
        byte[] rpi = ExposureCrypto.newTemporaryExposureKey();
        int now = EnIntervals.of(Instant.now());
        http.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, deviceId.toString())
                .bodyValue(new SightingBatch(List.of(new SightingBatch.Sighting(rpi, now, 300, 55))))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);

        List<ConsumerRecord<String, SightingRecorded>> records = kafka.read(Topics.SIGHTINGS,
                new SightingSerde(), s -> s.deviceId().equals(deviceId), 1, Duration.ofSeconds(20));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(Rpis.toKey(rpi));
            assertThat(record.value().durationSeconds()).isEqualTo(300);
            assertThat(record.value().attenuationDb()).isEqualTo(55);
        });
    }

    @Test
    void aBatchReportingOneRpiAtIntervalsNoPhoneHearsIsRefusedWhileOneIntervalApartIsAccepted() {
        UUID deviceId = UUID.randomUUID();
        byte[] rpi = ExposureCrypto.newTemporaryExposureKey();
        int now = EnIntervals.of(Instant.now());
        long before = kafka.endOffsetSum(Topics.SIGHTINGS);
        List<SightingBatch.Sighting> everywhere = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            everywhere.add(new SightingBatch.Sighting(rpi, now - i, 900, 40));
        }
        http.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, deviceId.toString())
                .bodyValue(new SightingBatch(everywhere)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("sightings[13]").contains("13 intervals apart"));
        assertThat(kafka.endOffsetSum(Topics.SIGHTINGS)).isEqualTo(before);

        http.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, deviceId.toString())
                .bodyValue(new SightingBatch(List.of(new SightingBatch.Sighting(rpi, now - 1, 300, 50),
                        new SightingBatch.Sighting(rpi, now, 200, 50)))).exchange()
                .expectStatus().isAccepted();
    }

    @Test
    void aBatchWithOneBadSightingIsRefusedWhole() {
        long before = kafka.endOffsetSum(Topics.SIGHTINGS);
        int now = EnIntervals.of(Instant.now());
        List<Map<String, Object>> sightings = new ArrayList<>();
        sightings.add(Map.of("rpi", b64(new byte[16]), "interval", now, "durationSeconds", 60, "attenuationDb", 50));
        sightings.add(Map.of("rpi", b64(new byte[15]), "interval", now, "durationSeconds", 60, "attenuationDb", 50));
        http.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString())
                .bodyValue(Map.of("sightings", sightings))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sightings\": [")
                .exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, UUID.randomUUID().toString())
                .bodyValue(new SightingBatch(List.of(new SightingBatch.Sighting(new byte[16], now + 200, 60, 50))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("future"));
        assertThat(kafka.endOffsetSum(Topics.SIGHTINGS)).isEqualTo(before);
    }

    @Test
    void verifiedDevicePublishesKeysOnceWithTheCasesInfectiousStart() {
        UUID deviceId = UUID.randomUUID();
        LocalDate testDate = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        CaseCreated created = confirmCase(testDate);
        UploadAuthorization auth = verify(deviceId, created.verificationCode())
                .expectStatus().isOk().expectBody(UploadAuthorization.class).returnResult().getResponseBody();
        DiagnosisKeyUpload upload = new DiagnosisKeyUpload(auth.uploadToken(), keys(3));

        postKeys(deviceId, upload).expectStatus().isAccepted().expectBody().jsonPath("$.accepted").isEqualTo(3);
        postKeys(deviceId, upload) // a retry of the same upload, as after a lost answer
                .expectStatus().isAccepted().expectBody().jsonPath("$.accepted").isEqualTo(3);
        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(), keys(3))) // the spent token, other keys
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        List<ConsumerRecord<String, DiagnosisKeysPublished>> published = kafka.read(Topics.DIAGNOSIS_KEYS,
                new JsonSerde<>(DiagnosisKeysPublished.class), e -> e.caseId().equals(created.caseId()), 2, Duration.ofSeconds(10));
        assertThat(published).as("published once: the retry found it acknowledged").singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(created.caseId().toString());
            assertThat(record.value().uploaderDeviceId()).isEqualTo(deviceId);
            assertThat(record.value().infectiousFromInterval()).isEqualTo(EnIntervals.startOfDay(testDate.minusDays(2)));
            assertThat(record.value().keys()).hasSize(3);
        });
        Set<String> rpis = new HashSet<>();
        for (DiagnosisKeyUpload.Key key : upload.keys()) {
            ExposureCrypto.rollingProximityIdentifiers(ExposureCrypto.rollingProximityIdentifierKey(key.key()),
                    key.rollingStartInterval(), key.rollingPeriod()).forEach(rpi -> rpis.add(Rpis.toKey(rpi)));
        }
        List<ConsumerRecord<String, PublishedRpi>> publications = kafka.read(Topics.PUBLISHED_RPIS, new PublishedRpiSerde(),
                p -> p.caseId().equals(created.caseId()), rpis.size() + 1, Duration.ofSeconds(5));
        assertThat(publications).as("every RPI of the three keys, keyed by RPI, once").extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(rpis);
        assertThat(publications).allSatisfy(record -> assertThat(record.value().uploaderDeviceId()).isEqualTo(deviceId));
    }

    @Test
    void badKeySetsAreRefusedWithoutSpendingTheToken() {
        UUID deviceId = UUID.randomUUID();
        UploadAuthorization auth = verify(deviceId, confirmCase(LocalDate.now(ZoneOffset.UTC)).verificationCode())
                .expectBody(UploadAuthorization.class).returnResult().getResponseBody();
        long before = kafka.endOffsetSum(Topics.DIAGNOSIS_KEYS);

        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(), keys(16))).expectStatus().isBadRequest();
        List<DiagnosisKeyUpload.Key> duplicate = new ArrayList<>(keys(1));
        duplicate.add(duplicate.get(0));
        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(), duplicate)).expectStatus().isBadRequest();
        int tomorrow = EnIntervals.startOfDay(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(),
                List.of(new DiagnosisKeyUpload.Key(new byte[16], tomorrow, 144)))).expectStatus().isBadRequest();
        int tooOld = EnIntervals.startOfDay(LocalDate.now(ZoneOffset.UTC).minusDays(15));
        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(),
                List.of(new DiagnosisKeyUpload.Key(new byte[16], tooOld, 144)))).expectStatus().isBadRequest();
        postKeys(UUID.randomUUID(), new DiagnosisKeyUpload(auth.uploadToken(), keys(1))).expectStatus().isForbidden();
        assertThat(kafka.endOffsetSum(Topics.DIAGNOSIS_KEYS)).isEqualTo(before);

        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(), keys(14))).expectStatus().isAccepted();
    }

    @Test
    void codesAreOneTimeAndExpire() {
        CaseCreated used = confirmCase(LocalDate.now(ZoneOffset.UTC));
        verify(UUID.randomUUID(), used.verificationCode()).expectStatus().isOk();
        verify(UUID.randomUUID(), used.verificationCode()).expectStatus().isForbidden();

        CaseCreated expired = confirmCase(LocalDate.now(ZoneOffset.UTC));
        db.sql("UPDATE upload.verification_code SET expires_at = now() - interval '1 second' WHERE case_id = :c")
                .bind("c", expired.caseId()).then().block();
        verify(UUID.randomUUID(), expired.verificationCode()).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void codesAreStoredAsKeyedHashesAndUploadTokensNotAtAll() {
        CaseCreated created = confirmCase(LocalDate.now(ZoneOffset.UTC));
        UUID deviceId = UUID.randomUUID();
        UploadAuthorization auth = verify(deviceId, created.verificationCode())
                .expectBody(UploadAuthorization.class).returnResult().getResponseBody();
        postKeys(deviceId, new DiagnosisKeyUpload(auth.uploadToken(), keys(1))).expectStatus().isAccepted();

        Long plainCodes = db.sql("SELECT count(*) AS n FROM upload.verification_code WHERE code_hash = convert_to(:code, 'UTF8')")
                .bind("code", created.verificationCode()).map(row -> row.get("n", Long.class)).one().block();
        Long hashedCodes = db.sql("SELECT count(*) AS n FROM upload.verification_code WHERE case_id = :c")
                .bind("c", created.caseId()).map(row -> row.get("n", Long.class)).one().block();
        List<String> spent = db.sql("SELECT grant_id FROM upload.spent_upload_grant WHERE case_id = :c")
                .bind("c", created.caseId()).map(row -> row.get("grant_id", String.class)).all().collectList().block();
        assertThat(plainCodes).isZero();
        assertThat(hashedCodes).isEqualTo(1L);
        assertThat(spent).hasSize(1).doesNotContain(auth.uploadToken());
    }

    @Test
    void anF1GrantPublishesItsKeysFromItsFirstExposureExcludingTheCasesF0() {
        UUID f0 = UUID.randomUUID();
        UUID f1 = UUID.randomUUID();
        CaseCreated created = confirmCase(LocalDate.now(ZoneOffset.UTC));
        UploadAuthorization auth = verify(f0, created.verificationCode())
                .expectBody(UploadAuthorization.class).returnResult().getResponseBody();
        postKeys(f0, new DiagnosisKeyUpload(auth.uploadToken(), keys(2))).expectStatus().isAccepted();
        int firstExposure = EnIntervals.of(Instant.now()) - 100;
        // As the notify-service issues it, with its own keys.
        String f1Token = TestKeys.uploadGrants(java.time.Clock.systemUTC()).issue(new UploadGrant(UUID.randomUUID().toString(),
                f1, created.caseId(), ContactLevel.F1, firstExposure, Instant.now(), Instant.now().plusSeconds(600)));

        postKeys(f0, new DiagnosisKeyUpload(f1Token, keys(1))).expectStatus().isForbidden();
        postKeys(f1, new DiagnosisKeyUpload(f1Token, keys(2))).expectStatus().isAccepted();
        postKeys(f1, new DiagnosisKeyUpload(f1Token, keys(2))).expectStatus().isForbidden();

        List<ConsumerRecord<String, DiagnosisKeysPublished>> published = kafka.read(Topics.DIAGNOSIS_KEYS,
                new JsonSerde<>(DiagnosisKeysPublished.class),
                e -> e.caseId().equals(created.caseId()) && e.uploaderLevel() == ContactLevel.F1, 1, Duration.ofSeconds(10));
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.value().uploaderDeviceId()).isEqualTo(f1);
            assertThat(record.value().infectiousFromInterval()).isEqualTo(firstExposure);
            assertThat(record.value().excludedDeviceIds()).containsExactlyInAnyOrder(f0, f1);
        });
    }

    @Test
    void aGrantSignedWithTheNotifyServicesKeysIsNoF0GrantAndPublishesNothing() {
        UUID device = UUID.randomUUID();
        CaseCreated created = confirmCase(LocalDate.now(ZoneOffset.UTC));
        long before = kafka.endOffsetSum(Topics.DIAGNOSIS_KEYS);
        // A compromised notify-service signs an F0 grant, and an F1 grant for itself, with the keys it holds.
        UploadGrants notifyKeysOnly = new UploadGrants(java.util.Map.of(
                ContactLevel.F0, JwtKeys.parse("F1 grant", TestKeys.F1_GRANTS)), java.time.Clock.systemUTC());
        String forgedF0 = notifyKeysOnly.issue(new UploadGrant(UUID.randomUUID().toString(), device, created.caseId(),
                ContactLevel.F0, EnIntervals.of(Instant.now()) - 300, Instant.now(), Instant.now().plusSeconds(600)));
        postKeys(device, new DiagnosisKeyUpload(forgedF0, keys(2))).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(db.sql("SELECT count(*) AS n FROM upload.spent_upload_grant WHERE case_id = :c").bind("c", created.caseId())
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        assertThat(kafka.endOffsetSum(Topics.DIAGNOSIS_KEYS)).isEqualTo(before);
    }

    @Test
    void aDisabledAccountIsNoLongerActiveAndCannotLogIn() {
        String username = "disabled-" + UUID.randomUUID();
        db.sql("INSERT INTO upload.official (username, password_hash, created_at) VALUES (:u, :h, now())")
                .bind("u", username).bind("h", passwords.encode("right")).then().block();
        login(username, "right").expectStatus().isOk();
        session(username).expectStatus().isOk();

        db.sql("UPDATE upload.official SET disabled_at = now() WHERE username = :u").bind("u", username).then().block();
        session(username).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        login(username, "right").expectStatus().isUnauthorized();
        session("nobody-" + UUID.randomUUID()).expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec session(String official) {
        return http.get().uri("/api/v1/official/session").header(GatewayHeaders.OFFICIAL, official).exchange();
    }

    @Test
    void failedLoginsAreLimitedPerAccountNameWhetherOrNotItExists() {
        String username = "throttled-" + UUID.randomUUID();
        db.sql("INSERT INTO upload.official (username, password_hash, created_at) VALUES (:u, :h, now())")
                .bind("u", username).bind("h", passwords.encode("right")).then().block();
        String nobody = "nobody-" + UUID.randomUUID();
        for (String name : List.of(username, nobody)) {
            for (int i = 0; i < 5; i++) {
                login(name, "wrong").expectStatus().isUnauthorized();
            }
        }
        login(username, "right").expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 900L));
        login(nobody, "anything").expectStatus().isEqualTo(429); // the same answer: which names exist stays unknown
        login("official", "correct horse").expectStatus().isOk(); // other accounts are not affected
    }

    @Test
    void aLoginForAnUnknownNameTakesAsLongAsAWrongPassword() {
        String known = "timing-" + UUID.randomUUID();
        db.sql("INSERT INTO upload.official (username, password_hash, created_at) VALUES (:u, :h, now())")
                .bind("u", known).bind("h", passwords.encode("right")).then().block();
        login(known, "warm-up").expectStatus().isUnauthorized();
        List<Long> unknownName = new ArrayList<>();
        List<Long> wrongPassword = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // 1 + 3 failures: below the per-account limit
            unknownName.add(timed(() -> login("nobody-" + UUID.randomUUID(), "guess").expectStatus().isUnauthorized()));
            wrongPassword.add(timed(() -> login(known, "guess").expectStatus().isUnauthorized()));
        }
        // Both cost one bcrypt comparison (tens of ms); without it an unknown name answers in about a millisecond.
        assertThat(median(unknownName)).as("ms for unknown names %s, for wrong passwords %s", unknownName, wrongPassword)
                .isGreaterThanOrEqualTo(median(wrongPassword) / 2);
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return http.post().uri("/api/v1/official/session").bodyValue(Map.of("username", username, "password", password))
                .exchange();
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void officialsLogInWithTheBootstrapPasswordOnly() {
        http.post().uri("/api/v1/official/session").bodyValue(Map.of("username", "official", "password", "correct horse"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.token").isNotEmpty();
        http.post().uri("/api/v1/official/session").bodyValue(Map.of("username", "official", "password", "wrong"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private DeviceRegistered register() {
        return http.post().uri("/api/v1/devices").bodyValue(new DeviceRegistration("android", "01"))
                .exchange().expectStatus().isCreated()
                .expectBody(DeviceRegistered.class).returnResult().getResponseBody();
    }

    private CaseCreated confirmCase(LocalDate testDate) {
        return http.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(new CaseRegistration(testDate, null, "01"))
                .exchange().expectStatus().isCreated()
                .expectBody(CaseCreated.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec verify(UUID deviceId, String code) {
        return http.post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, deviceId.toString())
                .bodyValue(new VerificationRequest(code)).exchange();
    }

    private WebTestClient.ResponseSpec postKeys(UUID deviceId, DiagnosisKeyUpload upload) {
        return http.post().uri("/api/v1/diagnosis-keys").header(GatewayHeaders.DEVICE_ID, deviceId.toString())
                .bodyValue(upload).exchange();
    }

    private static List<DiagnosisKeyUpload.Key> keys(int count) {
        int today = EnIntervals.startOfDay(LocalDate.now(ZoneOffset.UTC));
        List<DiagnosisKeyUpload.Key> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(new DiagnosisKeyUpload.Key(ExposureCrypto.newTemporaryExposureKey(), today - i * 144, 144));
        }
        return keys;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
