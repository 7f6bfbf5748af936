package vn.bluezone.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private static final String DEVICE_KEYS = JwtKeys.generateSymmetric("device-1");
    private static final String OFFICIAL_KEYS = JwtKeys.generateKeyPair("official-1");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final BearerTokens tokens = tokens(DEVICE_KEYS, OFFICIAL_KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
    /** What the gateway holds: device keys, and only the public official keys. */
    private final BearerTokens gateway = tokens(DEVICE_KEYS, JwtKeys.publicKeys(OFFICIAL_KEYS), Clock.fixed(NOW, ZoneOffset.UTC));

    private static BearerTokens tokens(String deviceKeys, String officialKeys, Clock clock) {
        return new BearerTokens(JwtKeys.parse("device token", deviceKeys), JwtKeys.parse("official token", officialKeys), clock);
    }

    @Test
    void issuedTokensVerifyToTheirPrincipalWhereOnlyPublicOfficialKeysAreHeld() {
        Principal device = new Principal(Role.DEVICE, "d-1");
        Principal official = new Principal(Role.OFFICIAL, "alice");
        assertThat(gateway.verify(tokens.issue(device, null))).contains(device);
        assertThat(gateway.verify(tokens.issue(official, NOW.plusSeconds(60)))).contains(official);
    }

    @Test
    void aDeviceTokenCarriesTheProvinceTheDeviceRegisteredIn() {
        assertThat(gateway.verify(tokens.issue(Principal.device("d-1", "11"), null)).orElseThrow().province()).isEqualTo("11");
        assertThat(gateway.verify(tokens.issue(Principal.device("d-2", null), null)).orElseThrow().province()).isNull();
    }

    @Test
    void aVerifierWithOnlyPublicKeysCannotIssueOfficialTokens() {
        assertThatThrownBy(() -> gateway.issue(new Principal(Role.OFFICIAL, "mallory"), NOW.plusSeconds(60)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("can only verify");
    }

    @Test
    void aTokenSignedWithTheDeviceKeysIsNoOfficialToken() {
        // Whoever holds the device keys (the gateway) crafts a token claiming the official role.
        BearerTokens deviceKeysEverywhere = tokens(DEVICE_KEYS, DEVICE_KEYS, Clock.fixed(NOW, ZoneOffset.UTC));
        String forged = deviceKeysEverywhere.issue(new Principal(Role.OFFICIAL, "mallory"), null);
        assertThat(gateway.verify(forged)).isEmpty();
    }

    @Test
    void expiredTokenIsRejected() {
        String token = tokens.issue(new Principal(Role.OFFICIAL, "alice"), NOW.plusSeconds(60));
        BearerTokens later = tokens(DEVICE_KEYS, OFFICIAL_KEYS, Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThat(tokens.verify(token)).isPresent();
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        String forged = tokens(JwtKeys.generateSymmetric("device-1"), JwtKeys.generateKeyPair("official-1"), Clock.systemUTC())
                .issue(new Principal(Role.DEVICE, "d-2"), null);
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

    @Test
    void malformedTokensAreRejectedWithoutAnException() {
        String token = tokens.issue(new Principal(Role.DEVICE, "d-1"), null);
        String[] parts = token.split("\\.");
        String notJson = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":".getBytes(StandardCharsets.UTF_8));
        String numericExpiry = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"d-1\",\"role\":\"DEVICE\",\"iss\":\"bluezone\",\"exp\":\"soon\"}".getBytes(StandardCharsets.UTF_8));
        for (String malformed : List.of("", ".", "..", "a.b.c", parts[0] + "." + parts[1], parts[0] + "." + parts[1] + ".!!!*",
                parts[0] + "." + notJson + "." + parts[2], parts[0] + "." + numericExpiry + "." + parts[2],
                "%%%." + parts[1] + "." + parts[2], token + ".extra")) {
            assertThat(tokens.verify(malformed)).as(malformed).isEmpty();
        }
    }
}
