package vn.bluezone.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Web Push on for the local system: a VAPID key pair generated once into the data directory, and
 * plain-http endpoints on 127.0.0.1 allowed, where the simulated city runs its phones' push service.
 * What the user configured wins; production deployments configure none of this.
 */
final class LocalWebPush {

    static final String PRIVATE_KEY_FILE = "BLUEZONE_PUSH_WEBPUSH_VAPID_PRIVATE_KEY_FILE";
    static final String PUBLIC_KEY_FILE = "BLUEZONE_PUSH_WEBPUSH_VAPID_PUBLIC_KEY_FILE";

    private LocalWebPush() {
    }

    /** The notify-service's settings, keys generated into {@code dir} unless the environment names key files. */
    static Map<String, String> settings(Path dir, Map<String, String> configured) throws IOException {
        Map<String, String> settings = new HashMap<>();
        if (!configured.containsKey(PRIVATE_KEY_FILE)) {
            Path privateKey = dir.resolve("webpush-vapid-private.pem");
            Path publicKey = dir.resolve("webpush-vapid-public.pem");
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                generate(privateKey, publicKey);
            }
            settings.put(PRIVATE_KEY_FILE, privateKey.toString());
            settings.put(PUBLIC_KEY_FILE, publicKey.toString());
        }
        settings.put("BLUEZONE_PUSH_WEBPUSH_EXTRA_ALLOWED_HOSTS", "127.0.0.1");
        settings.put("BLUEZONE_PUSH_WEBPUSH_ALLOW_HTTP", "true");
        configured.keySet().forEach(settings::remove);
        return settings;
    }

    private static void generate(Path privateKey, Path publicKey) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No P-256 key pair generator in this JVM", e);
        }
        Files.createDirectories(privateKey.getParent());
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        privateKey.toFile().setReadable(false, false);
        privateKey.toFile().setReadable(true, true);
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
