package vn.bluezone.upload;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DeviceRegistration;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.TestKeys;

/**
 * Limits against guessing and floods hold across instances: two upload-service instances on one
 * database, the attacker alternating between them as it would between gateway instances.
 */
class SharedLimitsIT {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static List<WebTestClient> instances;

    @BeforeAll
    static void startTwoInstances() {
        String[] settings = {"--bluezone.upload.registrations-per-address=3",
            "--bluezone.upload.bootstrap-official-user=limits-official", "--bluezone.upload.bootstrap-official-password=pw"};
        first = UploadServiceInstance.start(settings);
        second = UploadServiceInstance.start(settings);
        instances = List.of(client(first), client(second));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS))
                .baseUrl("http://localhost:" + UploadServiceInstance.port(context)).build();
    }

    private static WebTestClient instance(int attempt) {
        return instances.get(attempt % 2);
    }

    @Test
    void aDeviceHasFiveCodeAttemptsADayOverAllInstancesAndThenNotEvenTheRightCodeIsRedeemed() {
        CaseCreated created = instance(0).post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "limits-official")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "01")).exchange()
                .expectStatus().isCreated().expectBody(CaseCreated.class).returnResult().getResponseBody();
        UUID guesser = UUID.randomUUID();
        double limitedBefore = limited();
        for (int attempt = 0; attempt < 5; attempt++) {
            verify(attempt, guesser, String.format("%012d", attempt)).expectStatus().isForbidden();
        }
        verify(5, guesser, created.verificationCode())
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(86_000L, 86_400L));
        assertThat(limited() - limitedBefore).isEqualTo(1.0);

        // Another device redeems the same code: it was not spent by the refused attempt.
        verify(0, UUID.randomUUID(), created.verificationCode()).expectStatus().isOk();
    }

    @Test
    void registrationsAreLimitedPerClientAddressOverAllInstancesAndIpv6CountsPerSlash64() {
        for (int attempt = 0; attempt < 3; attempt++) {
            register(attempt, "203.0.113.7").expectStatus().isCreated();
        }
        register(3, "203.0.113.7").expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectHeader().exists("Retry-After");
        register(4, "203.0.113.8").expectStatus().isCreated();

        for (int attempt = 0; attempt < 3; attempt++) {
            register(attempt, "2001:db8:1:2::" + (attempt + 1)).expectStatus().isCreated();
        }
        register(3, "2001:db8:1:2:ffff::9").expectStatus().isEqualTo(429);
        register(4, "2001:db8:1:3::1").expectStatus().isCreated();
    }

    private WebTestClient.ResponseSpec verify(int attempt, UUID device, String code) {
        return instance(attempt).post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(new VerificationRequest(code)).exchange();
    }

    private WebTestClient.ResponseSpec register(int attempt, String address) {
        return instance(attempt).post().uri("/api/v1/devices").header(GatewayHeaders.CLIENT_ADDRESS, address)
                .bodyValue(new DeviceRegistration("android", "01")).exchange();
    }

    private static double limited() {
        return List.of(first, second).stream().mapToDouble(context -> context.getBean(MeterRegistry.class)
                .counter("bluezone.verification.redemptions", "outcome", "limited").count()).sum();
    }
}
