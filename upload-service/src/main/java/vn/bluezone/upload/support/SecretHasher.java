package vn.bluezone.upload.support;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of verification codes and account names: the database holds only
 * these, and without the key even every possible code cannot be brute-forced from a dump. The keys
 * are a JWK set of symmetric keys: the first hashes what is stored, every key's hash is looked up, so
 * codes issued before a rotation stay redeemable. Also makes the random secrets it hashes.
 */
public final class SecretHasher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecretKeySpec> keys;

    /** @param jwkSet symmetric keys of at least 256 bits, the one that hashes first */
    SecretHasher(String jwkSet) {
        try {
            this.keys = JWKSet.parse(jwkSet).getKeys().stream().map(SecretHasher::hmacKey).toList();
        } catch (ParseException e) {
            throw new IllegalArgumentException("The hash keys are not a JWK set: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("The hash key set has no keys");
        }
    }

    private static SecretKeySpec hmacKey(JWK key) {
        if (!(key instanceof OctetSequenceKey secret) || secret.toByteArray().length < 32) {
            throw new IllegalArgumentException("Hash key " + key.getKeyID() + " is not a symmetric key of 256 bits or more");
        }
        return new SecretKeySpec(secret.toByteArray(), "HmacSHA256");
    }

    /** The hash to store, with the current key. */
    public byte[] hash(String purpose, String secret) {
        return hash(keys.get(0), purpose, secret);
    }

    /** The hashes under every key, current first: what to look a stored hash up by. */
    public List<byte[]> hashes(String purpose, String secret) {
        return keys.stream().map(key -> hash(key, purpose, secret)).toList();
    }

    private static byte[] hash(SecretKeySpec key, String purpose, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JCA and must be available", e);
        }
    }

    /** 256 random bits, URL-safe base64. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Twelve random decimal digits. */
    public static String randomCode() {
        return String.format("%012d", RANDOM.nextLong(1_000_000_000_000L));
    }
}
