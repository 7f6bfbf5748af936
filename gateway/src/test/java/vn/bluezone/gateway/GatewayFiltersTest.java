package vn.bluezone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;

/** The gateway in front of a real HTTP server that records what reached it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bluezone.gateway.token-secret=" + GatewayFiltersTest.SECRET,
        "bluezone.gateway.identity-assertion-secret=" + GatewayFiltersTest.ASSERTION_SECRET,
        "management.server.port=0",
        "bluezone.gateway.answer-polls-without-alerts=false",
        "bluezone.gateway.rate-limits.verify.capacity=3",
        "logging.structured.format.console="})
class GatewayFiltersTest {

    static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String ASSERTION_SECRET = "YXNzZXJ0aW9uLWtleS1vZi10aGUtZ2F0ZXdheS0zMmI=";
    static final List<HttpHeaders> RECEIVED = new CopyOnWriteArrayList<>();
    static final DisposableServer BACKEND = HttpServer.create().host("localhost").port(0)
            .handle((request, response) -> {
                HttpHeaders copy = new HttpHeaders();
                request.requestHeaders().forEach(header -> copy.add(header.getKey(), header.getValue()));
                RECEIVED.add(copy);
                return request.receive().then(response.status(202).sendString(Mono.just("{\"accepted\":1}")).then());
            })
            .bindNow();

    @DynamicPropertySource
    static void backend(DynamicPropertyRegistry registry) {
        registry.add("bluezone.gateway.upload-service-url", () -> "http://localhost:" + BACKEND.port());
        registry.add("bluezone.gateway.notify-service-url", () -> "http://localhost:" + BACKEND.port());
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @LocalServerPort
    int port;

    WebTestClient http;
    final BearerTokens tokens = new BearerTokens(SECRET, Clock.systemUTC());

    @BeforeEach
    void client() {
        RECEIVED.clear();
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aDeviceCallReachesTheServiceWithTheVerifiedDeviceIdOnly() {
        String token = tokens.issue(new Principal(Role.DEVICE, "device-1"), null);
        http.post().uri("/api/v1/sightings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(GatewayHeaders.DEVICE_ID, "spoofed")
                .header(GatewayHeaders.OFFICIAL, "spoofed")
                .header(GatewayHeaders.ASSERTION, "spoofed")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"sightings\":[]}")
                .exchange()
                .expectStatus().isAccepted();

        assertThat(RECEIVED).singleElement().satisfies(headers -> {
            assertThat(headers.get(GatewayHeaders.DEVICE_ID)).containsExactly("device-1");
            assertThat(headers.containsHeader(GatewayHeaders.OFFICIAL)).isFalse();
            assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
            assertThat(headers.get(GatewayHeaders.ASSERTION)).singleElement().satisfies(assertion ->
                    assertThat(new IdentityAssertions(ASSERTION_SECRET, Clock.systemUTC()).verify(assertion))
                            .contains(new Principal(Role.DEVICE, "device-1")));
        });
    }

    @Test
    void missingForgedOrExpiredTokensAreUnauthorizedProblems() {
        String forged = new BearerTokens("YW5vdGhlci1zZWNyZXQtb2YtMzItYnl0ZXMtbG9uZyE=", Clock.systemUTC())
                .issue(new Principal(Role.DEVICE, "x"), null);
        String expired = tokens.issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().minusSeconds(1));
        for (String authorization : new String[] {null, "Bearer garbage", "Bearer " + forged, "Basic abc"}) {
            var request = http.get().uri("/api/v1/alerts");
            if (authorization != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            request.exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        http.get().uri("/api/v1/official/cases/00000000-0000-0000-0000-000000000001/contacts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
                .exchange().expectStatus().isUnauthorized();
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void tokensAreRefusedOnTheOtherRolesEndpoints() {
        String device = tokens.issue(new Principal(Role.DEVICE, "device-1"), null);
        String official = tokens.issue(new Principal(Role.OFFICIAL, "alice"), Instant.now().plusSeconds(600));
        http.post().uri("/api/v1/official/cases").header(HttpHeaders.AUTHORIZATION, "Bearer " + device)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + official)
                .exchange().expectStatus().isForbidden();
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void oversizedBodiesAreRefusedBeforeAnyService() {
        http.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"platform\":\"android\",\"pad\":\"" + "x".repeat(5000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void registrationNeedsNoToken() {
        http.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"platform\":\"ios\"}")
                .exchange().expectStatus().isAccepted();
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void codeGuessingIsLimitedPerDeviceWithRetryAfter() {
        String guesser = tokens.issue(new Principal(Role.DEVICE, "guesser"), null);
        String other = tokens.issue(new Principal(Role.DEVICE, "other"), null);
        for (int i = 0; i < 3; i++) {
            http.post().uri("/api/v1/verify").header(HttpHeaders.AUTHORIZATION, "Bearer " + guesser)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"0000000" + i + "\"}")
                    .exchange().expectStatus().isAccepted();
        }
        http.post().uri("/api/v1/verify").header(HttpHeaders.AUTHORIZATION, "Bearer " + guesser)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"00000009\"}")
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After");
        http.post().uri("/api/v1/verify").header(HttpHeaders.AUTHORIZATION, "Bearer " + other)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"00000009\"}")
                .exchange().expectStatus().isAccepted();
        assertThat(RECEIVED).hasSize(4);
    }

    @Test
    void unroutedPathsAndMethodsAreNotFoundProblems() {
        for (var request : List.of(http.get().uri("/actuator/health"), http.get().uri("/api/v1/nothing-here"),
                http.get().uri("/api/v1/sightings"), http.delete().uri("/api/v1/devices"))) {
            request.exchange().expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(404);
        }
        assertThat(RECEIVED).isEmpty();
    }
}
