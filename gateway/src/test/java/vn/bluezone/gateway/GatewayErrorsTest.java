package vn.bluezone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import vn.bluezone.testsupport.TestClients;
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

    /**
     * A phone's keep-alive connection carries a slow answer (the 503 of the missing service) and, queued
     * behind it, one the gateway gives at once (401). Reactor Netty 1.3.6 and 1.3.7 then stopped reading
     * the connection (reactor/reactor-netty#4361): the next request waited until the phone gave up.
     */
    @Test
    void aKeepAliveConnectionStillAnswersAfterAQueuedRequestWasRefusedAtOnce() throws IOException {
        try (Socket phone = new Socket("localhost", port)) {
            phone.setSoTimeout((int) TestClients.RESPONSE_TIMEOUT.toMillis());
            String slow = "POST /api/v1/devices HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 18\r\n\r\n{\"platform\":\"ios\"}";
            String refused = "GET /api/v1/alerts HTTP/1.1\r\nHost: localhost\r\n\r\n";
            phone.getOutputStream().write((slow + refused).getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(phone.getInputStream())).endsWith("503 Service Unavailable");
            assertThat(statusLine(phone.getInputStream())).endsWith("401 Unauthorized");

            phone.getOutputStream().write(refused.getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(phone.getInputStream())).as("the connection is still read").endsWith("401 Unauthorized");
        }
    }

    /** Reads one response with a Content-Length body and returns its status line. */
    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the connection closed mid-response").isNotNegative();
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        int length = 0;
        for (String line : lines) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(in.readNBytes(length)).hasSize(length);
        return lines[0];
    }
}
