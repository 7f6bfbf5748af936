package vn.bluezone.protocol.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's word to a service about who is calling: a short-lived signed assertion (JWT, HS256)
 * of the caller the gateway authenticated, sent as {@link GatewayHeaders#ASSERTION}. Its key is held
 * only by the gateway and the services behind it, and is distinct from every token key, so neither a
 * client nor anyone else on the network can make a service act as a device or an official by sending
 * identity headers. It lives {@link #LIFETIME}: long enough for one hop, short enough that a copy seen
 * on the internal network is soon useless.
 */
public final class IdentityAssertions {

    public static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String ISSUER = "bluezone-gateway";
    private static final String AUDIENCE = "bluezone-services";

    private final Hs256 hs256;
    private final Clock clock;

    /** @param base64Secret at least 32 random bytes, base64-encoded; never the token secret */
    public IdentityAssertions(String base64Secret, Clock clock) {
        this.hs256 = new Hs256(base64Secret);
        this.clock = clock;
    }

    public String issue(Principal caller) {
        return hs256.sign(new JWTClaimsSet.Builder()
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
        return hs256.verifiedClaims(assertion).flatMap(this::caller);
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
