package vn.bluezone.upload;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.bluezone.protocol.crypto.Rpis;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.events.CaseEvent;
import vn.bluezone.protocol.events.CaseOpened;
import vn.bluezone.protocol.events.CodeRedeemed;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

/** The upload-service while the real broker is stopped and while the real PostgreSQL restarts. */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bluezone.upload.topic-partitions=3",
        // No background job may take a pooled connection while the test counts the requests' ones.
        "bluezone.upload.adoption-jobs-delay=1h",
        "bluezone.upload.bootstrap-official-user=official",
        "bluezone.upload.bootstrap-official-password=correct horse",
        "logging.structured.format.console="})
class DependencyOutageIT {

    /** The gateway gives up on a service after this long: a refusal must come before it. */
    static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.uploadServiceProperties());
        TestInfrastructure.registerProperties(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ConnectionPool pool;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    final TestInfrastructure infra = TestInfrastructure.get();

    WebTestClient http() {
        return TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS)).baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void whileKafkaIsDownUploadsGet503InTimeHoldingNoConnectionAndTheSameKeysAreAcceptedOnceItIsBack(CapturedOutput logs)
            throws Exception {
        assumeTrue(infra.supportsFaults(), "needs the embedded broker to stop it");
        UUID device = UUID.randomUUID();
        CaseCreated confirmed = http().post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "01")).exchange()
                .expectStatus().isCreated().expectBody(CaseCreated.class).returnResult().getResponseBody();
        String token = http().post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(new VerificationRequest(confirmed.verificationCode())).exchange()
                .expectStatus().isOk().expectBody(UploadAuthorization.class).returnResult().getResponseBody().uploadToken();
        byte[] tek = ExposureCrypto.newTemporaryExposureKey();
        DiagnosisKeyUpload keys = new DiagnosisKeyUpload(token, List.of(new DiagnosisKeyUpload.Key(
                tek, EnIntervals.startOfDay(LocalDate.now(ZoneOffset.UTC)), 144)));
        byte[] rpi = ExposureCrypto.newTemporaryExposureKey();
        assertThat(postSightings(device).getStatus().value()).isEqualTo(202);
        CaseCreated second = http().post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "11")).exchange()
                .expectStatus().isCreated().expectBody(CaseCreated.class).returnResult().getResponseBody();
        UUID redeemer = UUID.randomUUID();

        infra.stopKafka();
        try {
            // The redemption cannot be announced: 503, and the code stays unspent for the retry.
            expectUnavailable(http().post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, redeemer.toString())
                    .bodyValue(new VerificationRequest(second.verificationCode())).exchange().expectBody().returnResult());
            assertThat(db.sql("SELECT count(*) AS n FROM upload.verification_code WHERE case_id = :c AND redeemed_at IS NULL")
                    .bind("c", second.caseId()).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);

            Instant start = Instant.now();
            EntityExchangeResult<byte[]> sightings = postSightings(device, rpi);
            assertThat(Duration.between(start, Instant.now())).isLessThan(GATEWAY_TIMEOUT);
            expectUnavailable(sightings);

            CompletableFuture<EntityExchangeResult<byte[]>> upload = CompletableFuture.supplyAsync(() -> postKeys(device, keys));
            Thread.sleep(1000); // the grant is spent; the request now waits for Kafka
            int mostAcquired = 0;
            while (!upload.isDone()) {
                mostAcquired = Math.max(mostAcquired, pool.getMetrics().orElseThrow().acquiredSize());
                Thread.sleep(50);
            }
            assertThat(mostAcquired).as("database connections held while waiting for Kafka").isZero();
            expectUnavailable(upload.get());

            Instant beforeCase = Instant.now();
            expectUnavailable(confirmCase());
            assertThat(casesSince(beforeCase)).as("a case the other services could not be told of is not stored").isZero();
            assertThat(logs.getAll()).as("failed sends were logged").contains(Topics.SIGHTINGS)
                    .as("without the RPI, device, key or token they carried")
                    .doesNotContain(Rpis.toKey(rpi), device.toString(), HexFormat.of().formatHex(tek),
                            Base64.getEncoder().encodeToString(tek), token);
        } finally {
            infra.startKafka();
        }

        List<Integer> retries = new ArrayList<>();
        for (int i = 0; i < 30 && !retries.contains(202); i++) {
            retries.add(postKeys(device, keys).getStatus().value());
        }
        assertThat(retries).as("the same token and keys, retried until Kafka takes them").endsWith(202)
                .allMatch(status -> status == 202 || status == 503);
        List<ConsumerRecord<String, DiagnosisKeysPublished>> published = new KafkaTopics(infra.kafkaBootstrapServers())
                .read(Topics.DIAGNOSIS_KEYS, new JsonSerde<>(DiagnosisKeysPublished.class),
                        event -> event.caseId().equals(confirmed.caseId()), 2, Duration.ofSeconds(5));
        assertThat(published).isNotEmpty()
                .as("every copy is the same upload, so consumers count it once")
                .extracting(record -> record.value().uploadId()).containsOnly(published.get(0).value().uploadId());
        Set<String> rpis = new HashSet<>();
        ExposureCrypto.rollingProximityIdentifiers(ExposureCrypto.rollingProximityIdentifierKey(tek),
                keys.keys().get(0).rollingStartInterval(), 144).forEach(id -> rpis.add(Rpis.toKey(id)));
        assertThat(new KafkaTopics(infra.kafkaBootstrapServers()).read(Topics.PUBLISHED_RPIS, new PublishedRpiSerde(),
                        publication -> publication.caseId().equals(confirmed.caseId()), 2 * rpis.size(), Duration.ofSeconds(5)))
                .as("the accepted upload's RPIs, every one of them, whatever the broker's restart cut short before")
                .extracting(ConsumerRecord::key).containsAll(rpis).hasSizeGreaterThanOrEqualTo(rpis.size());
        assertThat(postSightings(device).getStatus().value()).isEqualTo(202);

        EntityExchangeResult<byte[]> opened = confirmCase();
        for (int i = 0; i < 30 && opened.getStatus().value() != 201; i++) {
            opened = confirmCase();
        }
        assertThat(opened.getStatus().value()).as("the same case, retried once Kafka is back").isEqualTo(201);
        UUID caseId = UUID.fromString(new String(opened.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1"));
        assertThat(new KafkaTopics(infra.kafkaBootstrapServers()).read(Topics.CASES, new JsonSerde<>(CaseEvent.class),
                event -> event instanceof CaseOpened && event.caseId().equals(caseId), 1, Duration.ofSeconds(10))).hasSize(1);

        http().post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, redeemer.toString())
                .bodyValue(new VerificationRequest(second.verificationCode())).exchange().expectStatus().isOk();
        assertThat(new KafkaTopics(infra.kafkaBootstrapServers()).read(Topics.CASES, new JsonSerde<>(CaseEvent.class),
                event -> event instanceof CodeRedeemed && event.caseId().equals(second.caseId()), 2, Duration.ofSeconds(10)))
                .as("the retried redemption, announced once").hasSize(1);
    }

    private EntityExchangeResult<byte[]> confirmCase() {
        return http().post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "official")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "11")).exchange()
                .expectBody().returnResult();
    }

    private long casesSince(Instant since) {
        return db.sql("SELECT count(*) AS n FROM upload.covid_case WHERE created_at >= :t").bind("t", since)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void registrationsDuringAPostgresRestartGet503AndTheFirstOneAfterItSucceeds() throws Exception {
        assumeTrue(infra.supportsFaults(), "needs the embedded database to restart it");
        for (int i = 0; i < 5; i++) {
            assertThat(register().getStatus().value()).isEqualTo(201); // the pool holds open connections
        }
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                infra.restartDatabase(Duration.ofSeconds(6));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        List<Integer> whileDown = new ArrayList<>();
        EntityExchangeResult<byte[]> refused = null;
        while (!restart.isDone()) {
            EntityExchangeResult<byte[]> answer = register();
            whileDown.add(answer.getStatus().value());
            refused = answer.getStatus().value() == 503 ? answer : refused;
            Thread.sleep(200);
        }
        restart.get();
        assertThat(whileDown).doesNotContain(500).contains(503);
        expectUnavailable(refused);
        assertThat(register().getStatus().value()).as("the first registration after the restart").isEqualTo(201);
    }

    private static void expectUnavailable(EntityExchangeResult<byte[]> answer) {
        assertThat(answer.getStatus().value()).isEqualTo(503);
        assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
    }

    private EntityExchangeResult<byte[]> register() {
        return http().post().uri("/api/v1/devices").bodyValue(Map.of("platform", "android")).exchange()
                .expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> postSightings(UUID device) {
        return postSightings(device, ExposureCrypto.newTemporaryExposureKey());
    }

    private EntityExchangeResult<byte[]> postSightings(UUID device, byte[] rpi) {
        int now = EnIntervals.of(Instant.now());
        return http().post().uri("/api/v1/sightings").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(new SightingBatch(List.of(new SightingBatch.Sighting(rpi, now, 300, 50)))).exchange()
                .expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> postKeys(UUID device, DiagnosisKeyUpload keys) {
        return http().post().uri("/api/v1/diagnosis-keys").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(keys).exchange().expectBody().returnResult();
    }
}
