package vn.bluezone.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_SECRET = Base64.getEncoder().encodeToString("another-secret-of-32-bytes-long!".getBytes());
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final BearerTokens tokens = new BearerTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuedTokenVerifiesToItsPrincipal() {
        Principal device = new Principal(Role.DEVICE, "d-1");
        assertThat(tokens.verify(tokens.issue(device, null))).contains(device);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = tokens.issue(new Principal(Role.OFFICIAL, "alice"), NOW.plusSeconds(60));
        BearerTokens later = new BearerTokens(SECRET, Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThat(tokens.verify(token)).isPresent();
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        String forged = new BearerTokens(OTHER_SECRET, Clock.systemUTC()).issue(new Principal(Role.OFFICIAL, "mallory"), null);
        assertThat(tokens.verify(forged)).isEmpty();
    }

    @Test
    void garbageAndTamperedTokensAreRejected() {
        String token = tokens.issue(new Principal(Role.DEVICE, "d-1"), null);
        // The signature's first character carries 6 signature bits (its last one may carry only padding bits).
        int signature = token.lastIndexOf('.') + 1;
        char replaced = token.charAt(signature) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, signature) + replaced + token.substring(signature + 1);
        assertThat(tokens.verify("not-a-token")).isEmpty();
        assertThat(tokens.verify(tampered)).isEmpty();
    }
}
