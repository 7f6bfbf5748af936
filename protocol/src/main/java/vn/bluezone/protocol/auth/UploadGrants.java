package vn.bluezone.protocol.auth;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * Upload tokens as signed grants (JWT, ES256, audience {@value #AUDIENCE}): the upload-service issues
 * them to a verified F0, the notify-service to an alerted F1, each with private keys of its own, and
 * the upload-service accepts each grant id once. A grant is valid only when signed by a key of its
 * level, so the notify-service cannot issue an F0 grant. No token is stored in a database. ECDSA
 * signs differently each time, so two tokens of one grant differ as strings; the grant id is what is
 * accepted once.
 */
public final class UploadGrants {

    static final String AUDIENCE = "bluezone-upload";
    private static final String ISSUER = "bluezone";

    private final Map<ContactLevel, JwtKeys> keysByLevel;
    private final Clock clock;

    /** @param keysByLevel the keys of each level this service issues (private) or accepts (public) */
    public UploadGrants(Map<ContactLevel, JwtKeys> keysByLevel, Clock clock) {
        this.keysByLevel = new EnumMap<>(keysByLevel);
        this.clock = clock;
    }

    public String issue(UploadGrant grant) {
        JwtKeys keys = keysByLevel.get(grant.level());
        if (keys == null) {
            throw new IllegalStateException("This service has no keys for " + grant.level() + " grants");
        }
        return keys.sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .jwtID(grant.grantId())
                .subject(grant.deviceId().toString())
                .claim("case", grant.caseId().toString())
                .claim("level", grant.level().name())
                .claim("from", grant.infectiousFromInterval())
                .issueTime(Date.from(grant.issuedAt()))
                .expirationTime(Date.from(grant.expiresAt()))
                .build());
    }

    /** The grant of a valid, unexpired upload token; empty for anything else (device tokens included). */
    public Optional<UploadGrant> verify(String token) {
        return keysByLevel.entrySet().stream()
                .flatMap(level -> level.getValue().verifiedClaims(token).flatMap(this::grant)
                        .filter(grant -> grant.level() == level.getKey()).stream())
                .findFirst();
    }

    private Optional<UploadGrant> grant(DecodedJWT claims) {
        Instant expiry = claims.getExpiresAtAsInstant();
        if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())
                || expiry == null || claims.getIssuedAtAsInstant() == null || claims.getId() == null
                || !expiry.isAfter(clock.instant())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UploadGrant(claims.getId(), UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getClaim("case").asString()),
                    ContactLevel.valueOf(claims.getClaim("level").asString()), claims.getClaim("from").asInt(),
                    claims.getIssuedAtAsInstant(), expiry));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty(); // NullPointerException: a claim is missing or of another type
        }
    }
}
