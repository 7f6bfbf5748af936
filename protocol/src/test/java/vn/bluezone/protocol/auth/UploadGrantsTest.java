package vn.bluezone.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.events.ContactLevel;

class UploadGrantsTest {

    private static final String F0_KEYS = JwtKeys.generateKeyPair("f0-1");
    private static final String F1_KEYS = JwtKeys.generateKeyPair("f1-1");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** The notify-service: issues F1 grants only. */
    private final UploadGrants notify = new UploadGrants(Map.of(ContactLevel.F1, JwtKeys.parse("F1", F1_KEYS)), CLOCK);
    /** The upload-service: its own F0 keys, the notify-service's public F1 keys. */
    private final UploadGrants upload = new UploadGrants(Map.of(ContactLevel.F0, JwtKeys.parse("F0", F0_KEYS),
            ContactLevel.F1, JwtKeys.parse("F1", JwtKeys.publicKeys(F1_KEYS))), CLOCK);
    private final UploadGrant f1Grant = grant(ContactLevel.F1);

    private static UploadGrant grant(ContactLevel level) {
        return new UploadGrant("g-1", UUID.randomUUID(), UUID.randomUUID(), level, 4242, NOW.minusSeconds(10),
                NOW.plusSeconds(60));
    }

    @Test
    void grantsOfEitherIssuerVerifyAtTheUploadService() {
        assertThat(upload.verify(notify.issue(f1Grant))).contains(f1Grant);
        UploadGrant f0Grant = grant(ContactLevel.F0);
        assertThat(upload.verify(upload.issue(f0Grant))).contains(f0Grant);
    }

    @Test
    void aGrantSignedWithTheF1KeysIsNoF0Grant() {
        // A compromised notify-service signs an F0 grant with the keys it holds.
        UploadGrants compromised = new UploadGrants(Map.of(ContactLevel.F0, JwtKeys.parse("F1", F1_KEYS)), CLOCK);
        assertThat(upload.verify(compromised.issue(grant(ContactLevel.F0)))).isEmpty();
    }

    @Test
    void expiredGrantsAndDeviceTokensAreNotUploadTokens() {
        String token = notify.issue(f1Grant);
        UploadGrants later = new UploadGrants(Map.of(ContactLevel.F1, JwtKeys.parse("F1", F1_KEYS)),
                Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
        String deviceKeys = JwtKeys.generateSymmetric("device-1");
        String deviceToken = new BearerTokens(JwtKeys.parse("d", deviceKeys), JwtKeys.parse("o", F0_KEYS), CLOCK)
                .issue(new Principal(Role.DEVICE, f1Grant.deviceId().toString()), null);
        assertThat(upload.verify(deviceToken)).isEmpty();
        assertThat(upload.verify("garbage")).isEmpty();
    }
}
