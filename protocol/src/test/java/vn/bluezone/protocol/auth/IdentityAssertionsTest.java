package vn.bluezone.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityAssertionsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String KEYS = JwtKeys.generateSymmetric("assert-1");

    private final IdentityAssertions assertions = new IdentityAssertions(JwtKeys.parse("identity assertion", KEYS),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anOfficialsRolesAndProvincesTravelWithTheAssertion() {
        Principal official = new Principal(Role.OFFICIAL, "lan",
                new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER, OfficialRole.HEALTH_OFFICIAL), Set.of("11", "01")));
        assertThat(assertions.verify(assertions.issue(official))).contains(official);
    }

    @Test
    void aDeviceAssertionCarriesNoScope() {
        Principal device = new Principal(Role.DEVICE, "6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        assertThat(assertions.verify(assertions.issue(device)).orElseThrow().scope()).isEqualTo(OfficialScope.NONE);
    }

    @Test
    void rolesThisVersionDoesNotKnowGrantNothing() {
        String assertion = JwtKeys.parse("identity assertion", KEYS).sign(new JWTClaimsSet.Builder()
                .issuer("bluezone-gateway").audience("bluezone-services").subject("lan")
                .claim("role", "OFFICIAL").claim("official_roles", List.of("SUPERUSER", "PROVINCE_OFFICER"))
                .claim("provinces", List.of("11"))
                .expirationTime(Date.from(NOW.plusSeconds(30))).build());
        assertThat(assertions.verify(assertion).orElseThrow().scope())
                .isEqualTo(new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER), Set.of("11")));
    }

    @Test
    void onlyAdminsAndOperatorsAreNationalAndAnAccountWithoutProvincesCoversNone() {
        OfficialScope operator = new OfficialScope(Set.of(OfficialRole.OPERATOR), Set.of());
        OfficialScope officer = new OfficialScope(Set.of(OfficialRole.PROVINCE_OFFICER), Set.of("11"));
        OfficialScope unscoped = new OfficialScope(Set.of(OfficialRole.HEALTH_OFFICIAL), Set.of());
        assertThat(operator.covers("11")).isTrue();
        assertThat(officer.covers("11")).isTrue();
        assertThat(officer.covers("01")).isFalse();
        assertThat(officer.allows(OfficialRole.HEALTH_OFFICIAL, "11")).isFalse();
        assertThat(unscoped.covers("11")).isFalse();
        assertThat(unscoped.covers(null)).isFalse();
    }
}
