package vn.bluezone.upload;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bluezone.protocol.api.CaseCreated;
import vn.bluezone.protocol.api.CaseRegistration;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.api.UploadAuthorization;
import vn.bluezone.protocol.api.VerificationRequest;
import vn.bluezone.protocol.auth.GatewayHeaders;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.testsupport.AsGateway;
import vn.bluezone.testsupport.TestKeys;

/**
 * A key rotated as the runbook says (docs/operations.md#rotating-a-key): what the old keys issued is
 * still honoured by an instance that signs with the new ones, and stops being so once the old keys
 * are removed.
 */
class KeyRotationIT {

    static final String NEW_HASHES = JwtKeys.generateSymmetric("hash-next");
    static final String NEW_F0_GRANTS = JwtKeys.generateKeyPair("f0-grant-next");

    @Test
    void codesAndGrantsIssuedBeforeARotationStayValidUntilTheOldKeyIsRetired() throws Exception {
        String code;
        UploadAuthorization oldGrant;
        UploadAuthorization unusedOldGrant;
        UUID f0 = UUID.randomUUID();
        UUID otherF0 = UUID.randomUUID();
        UUID secondF0 = UUID.randomUUID();
        String laterCode;
        try (ConfigurableApplicationContext before = UploadServiceInstance.start(official())) {
            WebTestClient old = client(before);
            code = confirmCase(old).verificationCode();
            laterCode = confirmCase(old).verificationCode();
            oldGrant = verify(old, f0, confirmCase(old).verificationCode()).expectStatus().isOk()
                    .expectBody(UploadAuthorization.class).returnResult().getResponseBody();
            unusedOldGrant = verify(old, otherF0, confirmCase(old).verificationCode()).expectStatus().isOk()
                    .expectBody(UploadAuthorization.class).returnResult().getResponseBody();
        }
        assertThat(SignedJWT.parse(oldGrant.uploadToken()).getHeader().getKeyID()).isEqualTo("f0-grant-test");

        try (ConfigurableApplicationContext during = UploadServiceInstance.start(with(official(),
                "--bluezone.upload.keys.hashes=" + TestKeys.combined(NEW_HASHES, TestKeys.HASHES),
                "--bluezone.upload.keys.f0-grants=" + TestKeys.combined(NEW_F0_GRANTS, TestKeys.F0_GRANTS)))) {
            WebTestClient rotated = client(during);
            UploadAuthorization newGrant = verify(rotated, UUID.randomUUID(), code).expectStatus().isOk()
                    .expectBody(UploadAuthorization.class).returnResult().getResponseBody();
            assertThat(SignedJWT.parse(newGrant.uploadToken()).getHeader().getKeyID()).isEqualTo("f0-grant-next");
            postKeys(rotated, f0, oldGrant.uploadToken()).expectStatus().isAccepted();
        }

        try (ConfigurableApplicationContext after = UploadServiceInstance.start(with(official(),
                "--bluezone.upload.keys.hashes=" + NEW_HASHES, "--bluezone.upload.keys.f0-grants=" + NEW_F0_GRANTS))) {
            WebTestClient retired = client(after);
            // A code hashed with the retired key is not found any more; a grant it signed does not verify.
            verify(retired, secondF0, laterCode).expectStatus().isForbidden();
            postKeys(retired, otherF0, unusedOldGrant.uploadToken()).expectStatus().isForbidden();
            // What the new keys made meanwhile works.
            String fresh = confirmCase(retired).verificationCode();
            verify(retired, secondF0, fresh).expectStatus().isOk();
        }
    }

    private static String[] official() {
        return new String[] {"--bluezone.upload.bootstrap-official-user=rotation-official",
            "--bluezone.upload.bootstrap-official-password=pw"};
    }

    private static String[] with(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return TestClients.bindToServer().filter(AsGateway.identities(TestKeys.UPLOAD_ASSERTIONS))
                .baseUrl("http://localhost:" + UploadServiceInstance.port(context)).build();
    }

    private static CaseCreated confirmCase(WebTestClient http) {
        return http.post().uri("/api/v1/official/cases").header(GatewayHeaders.OFFICIAL, "rotation-official")
                .bodyValue(new CaseRegistration(LocalDate.now(ZoneOffset.UTC), null, "01")).exchange()
                .expectStatus().isCreated().expectBody(CaseCreated.class).returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec verify(WebTestClient http, UUID device, String code) {
        return http.post().uri("/api/v1/verify").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(new VerificationRequest(code)).exchange();
    }

    private static WebTestClient.ResponseSpec postKeys(WebTestClient http, UUID device, String uploadToken) {
        int today = EnIntervals.startOfDay(LocalDate.now(ZoneOffset.UTC));
        byte[] key = new byte[16];
        new java.security.SecureRandom().nextBytes(key);
        return http.post().uri("/api/v1/diagnosis-keys").header(GatewayHeaders.DEVICE_ID, device.toString())
                .bodyValue(new DiagnosisKeyUpload(uploadToken, List.of(new DiagnosisKeyUpload.Key(key, today - 144, 144))))
                .exchange();
    }
}
