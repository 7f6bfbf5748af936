package vn.bluezone.gateway;

import vn.bluezone.testsupport.TestClients;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.Principal;
import vn.bluezone.protocol.auth.Role;
import vn.bluezone.testsupport.FreePorts;
import vn.bluezone.testsupport.TestKeys;

/** The gateway in front of services that are not listening (restarting, not yet started). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "bluezone.gateway.answer-polls-without-alerts=false",
        "logging.structured.format.console="})
class GatewayErrorsTest {

    @DynamicPropertySource
    static void nobodyListening(DynamicPropertyRegistry registry) {
        TestKeys.register(registry, TestKeys.gatewayProperties());
        int closed = FreePorts.pick();
        registry.add("bluezone.gateway.upload-service-url", () -> "http://localhost:" + closed);
        registry.add("bluezone.gateway.notify-service-url", () -> "http://127.0.0.1:" + closed);
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceThatIsDownIsA503ProblemWithRetryAfterNotA500() {
        WebTestClient http = TestClients.bindToServer().baseUrl("http://localhost:" + port).build();
        String device = TestKeys.bearerTokens(Clock.systemUTC())
                .issue(new Principal(Role.DEVICE, "7f1c8d2e-0000-4000-8000-000000000001"), null);

        http.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"platform\":\"ios\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.status").isEqualTo(503);
        http.get().uri("/api/v1/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + device)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
