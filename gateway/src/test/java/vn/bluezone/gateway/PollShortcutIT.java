package vn.bluezone.gateway;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import vn.bluezone.protocol.api.AlertList;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

/**
 * Polls of devices without alerts are answered by the gateway; the rest reach the notify-service. Every
 * polling device is reported active.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.structured.format.console="})
class PollShortcutIT {

    static final List<String> REACHED_NOTIFY = new CopyOnWriteArrayList<>();
    static final DisposableServer NOTIFY = HttpServer.create().host("localhost").port(0)
            .handle((request, response) -> {
                REACHED_NOTIFY.add(request.requestHeaders().get("X-Bluezone-Device-Id"));
                return response.status(200).header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"alerts\":[{\"level\":\"F1\"}]}")).then();
            })
            .bindNow();
    static final UUID ALERTED = UUID.randomUUID();
    static final int MANAGEMENT_PORT = TestSocketUtils.findAvailableTcpPort();

    @BeforeAll
    static void anAlertedDevice() throws Exception {
        String kafka = TestInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(Topics.CONTACTS, 2, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        try (KafkaProducer<String, ContactFound> producer = new KafkaProducer<>(props, new StringSerializer(),
                new JsonSerde<>(ContactFound.class))) {
            producer.send(new ProducerRecord<>(Topics.CONTACTS, ALERTED.toString(), new ContactFound(UUID.randomUUID(),
                    UUID.randomUUID(), ALERTED, ContactLevel.F1, null, LocalDate.now(), 20, 0, Instant.now()))).get();
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.gatewayProperties());
        registry.add("bluezone.gateway.upload-service-url", () -> "http://127.0.0.1:" + NOTIFY.port());
        registry.add("bluezone.gateway.notify-service-url", () -> "http://localhost:" + NOTIFY.port());
        registry.add("bluezone.gateway.kafka-bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrapServers());
        // A fixed port as in production: the gateway routes nothing there, and must answer no poll there either.
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @AfterAll
    static void stop() {
        NOTIFY.disposeNow();
    }

    @LocalServerPort
    int port;

    private final WebTestClient management = TestClients.bindToServer().baseUrl("http://localhost:" + MANAGEMENT_PORT).build();

    private String scrape() {
        return management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Polls answered with the status, as Prometheus scrapes them (0 before the first). */
    private double answeredPolls(String status) {
        String series = "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\",outcome=\""
                + (status.startsWith("2") ? "SUCCESS" : "REDIRECTION") + "\",status=\"" + status + "\",uri=\"/api/v1/alerts\"} ";
        return scrape().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).sum();
    }

    @Test
    void devicesWithoutAlertsAreAnsweredAtTheGatewayAndOthersReachTheNotifyService() throws Exception {
        WebTestClient http = TestClients.bindToServer().baseUrl("http://localhost:" + port).build();
        BearerTokens tokens = TestKeys.bearerTokens(Clock.systemUTC());
        String alerted = tokens.issue(new Principal(Role.DEVICE, ALERTED.toString()), null);
        UUID quietDevice = UUID.randomUUID();
        String quiet = tokens.issue(new Principal(Role.DEVICE, quietDevice.toString()), null);

        for (int i = 0; i < 100 && !REACHED_NOTIFY.contains(ALERTED.toString()); i++) {
            http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + alerted).exchange();
            Thread.sleep(100);
        }
        assertThat(REACHED_NOTIFY).contains(ALERTED.toString());
        REACHED_NOTIFY.clear();

        double answeredBefore = answeredPolls("200");
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + quiet).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, AlertList.NO_ALERTS_ETAG)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, private")
                .expectBody().json(AlertList.NO_ALERTS_JSON);
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + quiet)
                .header(HttpHeaders.IF_NONE_MATCH, AlertList.NO_ALERTS_ETAG).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, AlertList.NO_ALERTS_ETAG);
        http.get().uri("/api/v1/alerts").exchange().expectStatus().isUnauthorized();
        assertThat(REACHED_NOTIFY).isEmpty();
        // The dashboards and alert rules count the polls the gateway answers as http.server.requests on
        // uri /api/v1/alerts, with a latency histogram (deploy/prometheus/alerts.yml, bluezone-polls).
        assertThat(answeredPolls("200")).isEqualTo(answeredBefore + 1);
        assertThat(answeredPolls("304")).isEqualTo(1);
        management.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + quiet).exchange()
                .expectStatus().isNotFound();
        assertThat(scrape()).contains("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\","
                + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/alerts\",le=\"0.1\"}");

        // After a push the app asks for no stored answer: the alert may be newer than the gateway's index.
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + quiet)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + quiet)
                .header(HttpHeaders.PRAGMA, "no-cache").exchange().expectStatus().isOk();
        assertThat(REACHED_NOTIFY).containsExactly(quietDevice.toString(), quietDevice.toString());
        REACHED_NOTIFY.clear();

        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + alerted).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.alerts[0].level").isEqualTo("F1");
        assertThat(REACHED_NOTIFY).containsExactly(ALERTED.toString());

        List<UUID> active = new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers())
                .read(Topics.DEVICE_ACTIVITY, new JsonSerde<>(DeviceActive.class),
                        event -> event.deviceId().equals(ALERTED) || event.deviceId().equals(quietDevice), 3,
                        Duration.ofSeconds(5))
                .stream().map(record -> record.value().deviceId()).toList();
        assertThat(active).as("each polling device once, whoever answered its polls")
                .containsExactlyInAnyOrder(ALERTED, quietDevice);
    }
}
