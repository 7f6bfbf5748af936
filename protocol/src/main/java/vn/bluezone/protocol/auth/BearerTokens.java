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
import java.time.Instant;
import java.util.Base64;
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

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    /** @param base64Secret at least 32 random bytes, base64-encoded */
    public BearerTokens(String base64Secret, Clock clock) {
        byte[] secret = Base64.getDecoder().decode(base64Secret);
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Token secret must be at least 32 bytes", e);
        }
        this.clock = clock;
    }

    /** @param expiresAt null for a token that does not expire (device tokens live as long as the app) */
    public String issue(Principal principal, Instant expiresAt) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(principal.subject())
                .claim(ROLE_CLAIM, principal.role().name())
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString());
        if (expiresAt != null) {
            claims.expirationTime(Date.from(expiresAt));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** The principal of a valid, unexpired token; empty for anything else. */
    public Optional<Principal> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            String role = claims.getStringClaim(ROLE_CLAIM);
            if (!ISSUER.equals(claims.getIssuer())
                    || (expiry != null && !expiry.toInstant().isAfter(clock.instant()))
                    || claims.getSubject() == null
                    || role == null) {
                return Optional.empty();
            }
            return Optional.of(new Principal(Role.valueOf(role), claims.getSubject()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
