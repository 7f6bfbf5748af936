package vn.bluezone.upload.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of verification codes and upload tokens: the database holds only
 * these, and without the key even the 10^8 possible codes cannot be brute-forced from a dump.
 * Also makes the random secrets it hashes.
 */
public final class SecretHasher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretHasher(String base64Secret) {
        this.key = new SecretKeySpec(Base64.getDecoder().decode(base64Secret), "HmacSHA256");
    }

    public byte[] hash(String purpose, String secret) {
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

    /** Eight random decimal digits. */
    public static String randomCode() {
        return String.format("%08d", RANDOM.nextInt(100_000_000));
    }
}
