package vn.bluezone.protocol.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * Upload tokens as signed grants (JWT, HS256, audience {@value #AUDIENCE}): the upload-service issues
 * them to a verified F0, the notify-service to an alerted F1, and the upload-service accepts each
 * grant id once. No token is stored anywhere; a token issued twice for the same grant is the same
 * string, so it can be shown on every poll.
 */
public final class UploadGrants {

    static final String AUDIENCE = "bluezone-upload";
    private static final String ISSUER = "bluezone";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public UploadGrants(String base64Secret, Clock clock) {
        byte[] secret = Base64.getDecoder().decode(base64Secret);
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Token secret must be at least 32 bytes", e);
        }
        this.clock = clock;
    }

    public String issue(UploadGrant grant) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .jwtID(grant.grantId())
                .subject(grant.deviceId().toString())
                .claim("case", grant.caseId().toString())
                .claim("level", grant.level().name())
                .claim("from", grant.infectiousFromInterval())
                .issueTime(Date.from(grant.issuedAt()))
                .expirationTime(Date.from(grant.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** The grant of a valid, unexpired upload token; empty for anything else (device tokens included). */
    public Optional<UploadGrant> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience())
                    || claims.getExpirationTime() == null || claims.getJWTID() == null
                    || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new UploadGrant(claims.getJWTID(), UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("case")), ContactLevel.valueOf(claims.getStringClaim("level")),
                    claims.getIntegerClaim("from"), claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty(); // NullPointerException: a claim is missing
        }
    }
}
