package vn.bluezone.protocol.auth;

import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gateway's word to a service about who is calling: a short-lived signed assertion (JWT, HS256)
 * of the caller the gateway authenticated (for an official, also the account's roles and provinces),
 * sent as {@link GatewayHeaders#ASSERTION}. Each service has keys of its own, held only by the gateway
 * and that service and distinct from every token key, so neither a client, nor anyone else on the
 * network, nor another compromised service can make a service act as a device or an official by
 * sending identity headers. It lives {@link #LIFETIME}: long enough for one hop, short enough that a
 * copy seen on the internal network is soon useless.
 */
public final class IdentityAssertions {

    public static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String ISSUER = "bluezone-gateway";
    private static final String AUDIENCE = "bluezone-services";
    private static final String ROLES_CLAIM = "official_roles";
    private static final String PROVINCES_CLAIM = "provinces";

    private final JwtKeys keys;
    private final Clock clock;

    /** @param keys symmetric keys of one service, never a token key */
    public IdentityAssertions(JwtKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(Principal caller) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(caller.subject())
                .claim(BearerTokens.ROLE_CLAIM, caller.role().name())
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plus(LIFETIME)));
        if (caller.role() == Role.OFFICIAL) {
            claims.claim(ROLES_CLAIM, caller.scope().roles().stream().map(Enum::name).toList())
                    .claim(PROVINCES_CLAIM, List.copyOf(caller.scope().provinces()));
        }
        return keys.sign(claims.build());
    }

    /** The caller of a valid, unexpired assertion; empty for anything else. */
    public Optional<Principal> verify(String assertion) {
        return keys.verifiedClaims(assertion).flatMap(this::caller);
    }

    private Optional<Principal> caller(DecodedJWT claims) {
        Instant expiry = claims.getExpiresAtAsInstant();
        if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())
                || expiry == null || !expiry.isAfter(clock.instant())) {
            return Optional.empty();
        }
        return BearerTokens.principalOf(claims).map(caller -> caller.withScope(scopeOf(claims)));
    }

    /** Roles this version does not know are dropped: an assertion never grants more than it names. */
    private static OfficialScope scopeOf(DecodedJWT claims) {
        try {
            List<String> roles = claims.getClaim(ROLES_CLAIM).asList(String.class);
            List<String> provinces = claims.getClaim(PROVINCES_CLAIM).asList(String.class);
            if (roles == null || provinces == null) {
                return OfficialScope.NONE;
            }
            return OfficialScope.of(roles.stream().flatMap(IdentityAssertions::role).toList(), provinces);
        } catch (JWTDecodeException e) {
            return OfficialScope.NONE; // a list of something other than strings
        }
    }

    private static Stream<OfficialRole> role(String name) {
        return Arrays.stream(OfficialRole.values()).filter(role -> role.name().equals(name));
    }
}
