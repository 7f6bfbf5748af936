package vn.bluezone.protocol.auth;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed bearer tokens (JWT) for devices and officials, each kind with keys of its own. The
 * upload-service issues them, the gateway verifies them without a database round trip. Nothing is
 * stored server side, so a leaked database holds no usable token.
 * <p>
 * Device tokens are HS256: the gateway verifies one on every poll, where ES256 would cost more than
 * the rest of the poll (docs/performance.md#token-verification). Official tokens are ES256, so the
 * gateway, which holds only their public keys, cannot mint one.
 */
public final class BearerTokens {

    static final String ROLE_CLAIM = "role";
    private static final String PROVINCE_CLAIM = "province";
    private static final String ISSUER = "bluezone";

    private final JwtKeys deviceKeys;
    private final JwtKeys officialKeys;
    private final Clock clock;

    /** @param officialKeys the private keys where tokens are issued, the public keys where they are only verified */
    public BearerTokens(JwtKeys deviceKeys, JwtKeys officialKeys, Clock clock) {
        this.deviceKeys = deviceKeys;
        this.officialKeys = officialKeys;
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
        if (principal.role() == Role.DEVICE && principal.province() != null) {
            claims.claim(PROVINCE_CLAIM, principal.province());
        }
        return keysOf(principal.role()).sign(claims.build());
    }

    /** The principal of a valid, unexpired token signed by a key of its role; empty for anything else. */
    public Optional<Principal> verify(String token) {
        return deviceKeys.verifiedClaims(token).flatMap(claims -> principal(claims)
                        .filter(p -> p.role() == Role.DEVICE)
                        .map(device -> Principal.device(device.subject(), claims.getClaim(PROVINCE_CLAIM).asString())))
                .or(() -> officialKeys.verifiedClaims(token).flatMap(this::principal).filter(p -> p.role() == Role.OFFICIAL));
    }

    private JwtKeys keysOf(Role role) {
        return role == Role.DEVICE ? deviceKeys : officialKeys;
    }

    private Optional<Principal> principal(DecodedJWT claims) {
        Instant expiry = claims.getExpiresAtAsInstant();
        if (!ISSUER.equals(claims.getIssuer()) || (expiry != null && !expiry.isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return principalOf(claims);
    }

    /** The caller a token or assertion names (subject and role claim); empty when either is missing or unknown. */
    static Optional<Principal> principalOf(DecodedJWT claims) {
        String role = claims.getClaim(ROLE_CLAIM).asString(); // null when missing or not a string
        if (claims.getSubject() == null || role == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Principal(Role.valueOf(role), claims.getSubject()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a role this version does not know
        }
    }
}
