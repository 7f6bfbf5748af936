package vn.bluezone.protocol.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's word to a service about who is calling: a short-lived signed assertion (JWT, HS256)
 * of the caller the gateway authenticated, sent as {@link GatewayHeaders#ASSERTION}. Each service has
 * keys of its own, held only by the gateway and that service and distinct from every token key, so
 * neither a client, nor anyone else on the network, nor another compromised service can make a
 * service act as a device or an official by sending identity headers. It lives {@link #LIFETIME}: long enough for one hop, short enough that a copy seen
 * on the internal network is soon useless.
 */
public final class IdentityAssertions {

    public static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String ISSUER = "bluezone-gateway";
    private static final String AUDIENCE = "bluezone-services";

    private final JwtKeys keys;
    private final Clock clock;

    /** @param keys symmetric keys of one service, never a token key */
    public IdentityAssertions(JwtKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String issue(Principal caller) {
        return keys.sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(caller.subject())
                .claim(BearerTokens.ROLE_CLAIM, caller.role().name())
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
                .build());
    }

    /** The caller of a valid, unexpired assertion; empty for anything else. */
    public Optional<Principal> verify(String assertion) {
        return keys.verifiedClaims(assertion).flatMap(this::caller);
    }

    private Optional<Principal> caller(JWTClaimsSet claims) {
        Date expiry = claims.getExpirationTime();
        if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())
                || expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return BearerTokens.principalOf(claims);
    }
}
