package vn.bluezone.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.events.ContactLevel;

class UploadGrantsTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final UploadGrants grants = new UploadGrants(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UploadGrant grant = new UploadGrant("g-1", UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F1, 4242,
            NOW.minusSeconds(10), NOW.plusSeconds(60));

    @Test
    void aGrantRoundTripsAndIsTheSameStringEachTimeItIsIssued() {
        String token = grants.issue(grant);
        assertThat(grants.verify(token)).contains(grant);
        assertThat(grants.issue(grant)).isEqualTo(token);
    }

    @Test
    void expiredGrantsAndDeviceTokensAreNotUploadTokens() {
        String token = grants.issue(grant);
        assertThat(new UploadGrants(SECRET, Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC)).verify(token)).isEmpty();
        String deviceToken = new BearerTokens(SECRET, Clock.systemUTC()).issue(new Principal(Role.DEVICE, grant.deviceId().toString()), null);
        assertThat(grants.verify(deviceToken)).isEmpty();
        assertThat(grants.verify("garbage")).isEmpty();
    }
}
