package vn.bluezone.protocol.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one purpose (device tokens, official tokens, F0 grants, ...), configured as a JWK set.
 * The first key that can sign signs, with its key id in the token header; every key in the set
 * verifies, so a key is rotated without downtime by listing the new one first and the old one after
 * it until no token it signed is still in use (docs/operations.md#rotating-a-key).
 * <p>
 * A symmetric key ({@code kty: oct}, at least 256 bits) is HS256: whoever verifies can also issue,
 * so it is used only where issuer and verifier are the same party or the verifier is on a hot path.
 * An EC P-256 key is ES256: the issuer holds the private key, verifiers only the public one
 * ({@link #publicKeys()}). A token is checked only with the key its key id names and only with that
 * key's algorithm, so an HS256 token "signed" with a public key is never accepted.
 * <p>
 * Nimbus reads the key sets and signs; java-jwt verifies, because the gateway verifies a device token
 * on every poll and java-jwt does it in half the CPU time (docs/performance.md#polling).
 */
public final class JwtKeys {

    /** HS256 keys shorter than this are refused (RFC 7518 3.2). */
    private static final int MIN_SECRET_BYTES = 32;

    private final String purpose;
    private final JWK signingKey;
    private final JWSSigner signer;
    private final Map<String, Verifier> verifiers = new LinkedHashMap<>();

    /** @param algorithm the only {@code alg} header this key's tokens may carry */
    private record Verifier(String algorithm, Algorithm verifier) {
    }

    private JwtKeys(String purpose, JWKSet keys) {
        this.purpose = purpose;
        if (keys.getKeys().isEmpty()) {
            throw new IllegalArgumentException("The " + purpose + " key set has no keys");
        }
        JWK signing = null;
        for (JWK key : keys.getKeys()) {
            if (key.getKeyID() == null || verifiers.containsKey(key.getKeyID())) {
                throw new IllegalArgumentException("Every " + purpose + " key needs a key id of its own");
            }
            verifiers.put(key.getKeyID(), verifierOf(key));
            if (signing == null && (key instanceof OctetSequenceKey || key.isPrivate())) {
                signing = key;
            }
        }
        this.signingKey = signing;
        this.signer = signing == null ? null : signerOf(signing);
    }

    /** @param jwkSet a JWK set in JSON ({@code {"keys":[...]}}) */
    public static JwtKeys parse(String purpose, String jwkSet) {
        try {
            return new JwtKeys(purpose, JWKSet.parse(jwkSet));
        } catch (ParseException e) {
            throw new IllegalArgumentException("The " + purpose + " keys are not a JWK set: " + e.getMessage(), e);
        }
    }

    /** A new HS256 key set of one 256-bit key, as JSON with the secret. */
    public static String generateSymmetric(String keyId) {
        try {
            return new JWKSet(new OctetSequenceKeyGenerator(256).keyID(keyId).generate()).toString(false);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new ES256 key set of one P-256 key pair, as JSON with the private key. */
    public static String generateKeyPair(String keyId) {
        try {
            return new JWKSet(new ECKeyGenerator(Curve.P_256).keyID(keyId).generate()).toString(false);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public keys of an ES256 key set, as JSON: what a verifier that must not issue is given. */
    public static String publicKeys(String jwkSet) {
        try {
            JWKSet keys = JWKSet.parse(jwkSet);
            if (keys.getKeys().stream().anyMatch(key -> key instanceof OctetSequenceKey)) {
                throw new IllegalArgumentException("A symmetric key has no public part");
            }
            return keys.toPublicJWKSet().toString();
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a JWK set: " + e.getMessage(), e);
        }
    }

    String sign(JWTClaimsSet claims) {
        if (signer == null) {
            throw new IllegalStateException("The " + purpose + " keys given to this service can only verify");
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithmOf(signingKey)).keyID(signingKey.getKeyID()).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(purpose + " signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a well-formed token signed by the key its key id names, with that key's algorithm;
     * expiry and meaning are the caller's. A token of another purpose names a key id not in this set.
     */
    Optional<DecodedJWT> verifiedClaims(String token) {
        try {
            DecodedJWT jwt = JWT.decode(token);
            Verifier verifier = jwt.getKeyId() == null ? null : verifiers.get(jwt.getKeyId());
            if (verifier == null || !verifier.algorithm().equals(jwt.getAlgorithm())) {
                return Optional.empty();
            }
            verifier.verifier().verify(jwt);
            return Optional.of(jwt);
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty(); // not a JWT, bad base64 or JSON, or a wrong signature
        }
    }

    /** The key ids, signing key first: for start-up logs and metrics, never the keys. */
    public List<String> keyIds() {
        return List.copyOf(verifiers.keySet());
    }

    private JWSAlgorithm algorithmOf(JWK key) {
        if (key instanceof OctetSequenceKey) {
            return JWSAlgorithm.HS256;
        }
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return JWSAlgorithm.ES256;
        }
        throw new IllegalArgumentException("The " + purpose + " key " + key.getKeyID()
                + " is neither a symmetric key nor an EC P-256 key");
    }

    private Verifier verifierOf(JWK key) {
        JWSAlgorithm algorithm = algorithmOf(key);
        try {
            if (key instanceof OctetSequenceKey secret) {
                if (secret.toByteArray().length < MIN_SECRET_BYTES) {
                    throw new IllegalArgumentException("The " + purpose + " key " + key.getKeyID()
                            + " cannot verify: a symmetric key needs at least 256 bits");
                }
                return new Verifier(algorithm.getName(), Algorithm.HMAC256(secret.toByteArray()));
            }
            return new Verifier(algorithm.getName(), Algorithm.ECDSA256(((ECKey) key).toECPublicKey(), null));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The " + purpose + " key " + key.getKeyID() + " cannot verify: "
                    + e.getMessage(), e);
        }
    }

    private JWSSigner signerOf(JWK key) {
        try {
            return key instanceof OctetSequenceKey secret ? new MACSigner(secret) : new ECDSASigner((ECKey) key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The " + purpose + " key " + key.getKeyID() + " cannot sign", e);
        }
    }
}
