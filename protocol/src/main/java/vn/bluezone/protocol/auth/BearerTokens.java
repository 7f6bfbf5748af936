package vn.bluezone.protocol.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed bearer tokens (JWT, HS256) for devices and officials. The upload-service issues them, the
 * gateway verifies them without a database round trip. Nothing is stored server side, so a leaked
 * database holds no usable token.
 */
public final class BearerTokens {

    static final String ROLE_CLAIM = "role";
    private static final String ISSUER = "bluezone";

    private final Hs256 hs256;
    private final Clock clock;

    /** @param base64Secret at least 32 random bytes, base64-encoded */
    public BearerTokens(String base64Secret, Clock clock) {
        this.hs256 = new Hs256(base64Secret);
        this.clock = clock;
    }

    /** @param expiresAt null for a token that does not expire (device tokens live as long as the app) */
    public String issue(Principal principal, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(principal.subject())
                .claim(ROLE_CLAIM, principal.role().name())
                .issueTime(Date.from(clock.instant()))
                .jwtID(UUID.randomUUID().toString());
        if (expiresAt != null) {
            claims.expirationTime(Date.from(expiresAt));
        }
        return hs256.sign(claims.build());
    }

    /** The principal of a valid, unexpired token; empty for anything else. */
    public Optional<Principal> verify(String token) {
        return hs256.verifiedClaims(token).flatMap(this::principal);
    }

    private Optional<Principal> principal(JWTClaimsSet claims) {
        Date expiry = claims.getExpirationTime();
        if (!ISSUER.equals(claims.getIssuer()) || (expiry != null && !expiry.toInstant().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return principalOf(claims);
    }

    /** The caller a token or assertion names (subject and role claim); empty when either is missing or unknown. */
    static Optional<Principal> principalOf(JWTClaimsSet claims) {
        try {
            String role = claims.getStringClaim(ROLE_CLAIM);
            if (claims.getSubject() == null || role == null) {
                return Optional.empty();
            }
            return Optional.of(new Principal(Role.valueOf(role), claims.getSubject()));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
