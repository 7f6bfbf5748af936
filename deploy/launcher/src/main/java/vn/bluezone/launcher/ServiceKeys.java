package vn.bluezone.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import vn.bluezone.protocol.auth.JwtKeys;

/**
 * The keys of each purpose (docs/security.md#keys), each handed only to the services that issue or
 * verify with it. A key set comes from the environment variable of its name, else from a file in the
 * data directory, generated on first start. Verifiers that must not issue get only public keys.
 */
final class ServiceKeys {

    static final String DEVICE_TOKENS = "BLUEZONE_DEVICE_TOKEN_KEYS";
    static final String OFFICIAL_TOKENS = "BLUEZONE_OFFICIAL_TOKEN_KEYS";
    static final String F0_GRANTS = "BLUEZONE_F0_GRANT_KEYS";
    static final String F1_GRANTS = "BLUEZONE_F1_GRANT_KEYS";
    static final String HASHES = "BLUEZONE_HASH_KEYS";
    static final String UPLOAD_ASSERTIONS = "BLUEZONE_UPLOAD_ASSERTION_KEYS";
    static final String NOTIFY_ASSERTIONS = "BLUEZONE_NOTIFY_ASSERTION_KEYS";
    /** What each service reads its own assertion keys from. */
    static final String OWN_ASSERTIONS = "BLUEZONE_IDENTITY_ASSERTION_KEYS";

    private final Map<String, String> keySets = new LinkedHashMap<>();

    private ServiceKeys() {
    }

    /** @param dir where generated key sets are kept; null to generate fresh ones and keep none */
    static ServiceKeys load(Path dir, Function<String, String> env) throws IOException {
        ServiceKeys keys = new ServiceKeys();
        String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        keys.add(dir, env, DEVICE_TOKENS, () -> JwtKeys.generateSymmetric("device-" + today));
        keys.add(dir, env, OFFICIAL_TOKENS, () -> JwtKeys.generateKeyPair("official-" + today));
        keys.add(dir, env, F0_GRANTS, () -> JwtKeys.generateKeyPair("f0-grant-" + today));
        keys.add(dir, env, F1_GRANTS, () -> JwtKeys.generateKeyPair("f1-grant-" + today));
        keys.add(dir, env, HASHES, () -> JwtKeys.generateSymmetric("hash-" + today));
        keys.add(dir, env, UPLOAD_ASSERTIONS, () -> JwtKeys.generateSymmetric("upload-assertion-" + today));
        keys.add(dir, env, NOTIFY_ASSERTIONS, () -> JwtKeys.generateSymmetric("notify-assertion-" + today));
        return keys;
    }

    Map<String, String> forUploadService() {
        return Map.of(DEVICE_TOKENS, keySets.get(DEVICE_TOKENS), OFFICIAL_TOKENS, keySets.get(OFFICIAL_TOKENS),
                F0_GRANTS, keySets.get(F0_GRANTS), "BLUEZONE_F1_GRANT_PUBLIC_KEYS", publicOf(F1_GRANTS),
                HASHES, keySets.get(HASHES), OWN_ASSERTIONS, keySets.get(UPLOAD_ASSERTIONS));
    }

    Map<String, String> forNotifyService() {
        return Map.of(F1_GRANTS, keySets.get(F1_GRANTS), OWN_ASSERTIONS, keySets.get(NOTIFY_ASSERTIONS));
    }

    Map<String, String> forGateway() {
        return Map.of(DEVICE_TOKENS, keySets.get(DEVICE_TOKENS), "BLUEZONE_OFFICIAL_TOKEN_PUBLIC_KEYS", publicOf(OFFICIAL_TOKENS),
                UPLOAD_ASSERTIONS, keySets.get(UPLOAD_ASSERTIONS), NOTIFY_ASSERTIONS, keySets.get(NOTIFY_ASSERTIONS));
    }

    /** Every key set and the public parts, as a docker-compose {@code .env} file. */
    String asEnvFile() {
        StringBuilder out = new StringBuilder("# Bluezone keys, generated ").append(LocalDate.now())
                .append(". Keep this file secret; see docs/operations.md#rotating-a-key.\n");
        Map<String, String> all = new LinkedHashMap<>(keySets);
        all.put("BLUEZONE_OFFICIAL_TOKEN_PUBLIC_KEYS", publicOf(OFFICIAL_TOKENS));
        all.put("BLUEZONE_F1_GRANT_PUBLIC_KEYS", publicOf(F1_GRANTS));
        all.forEach((name, value) -> out.append(name).append("='").append(value).append("'\n"));
        return out.toString();
    }

    private String publicOf(String variable) {
        return JwtKeys.publicKeys(keySets.get(variable));
    }

    private void add(Path dir, Function<String, String> env, String variable, Supplier<String> generator) throws IOException {
        String configured = env.apply(variable);
        if (configured != null && !configured.isBlank()) {
            keySets.put(variable, configured);
            return;
        }
        if (dir == null) {
            keySets.put(variable, generator.get());
            return;
        }
        Path file = dir.resolve(variable.substring("BLUEZONE_".length()).toLowerCase().replace('_', '-') + ".json");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            Files.writeString(file, generator.get(), StandardCharsets.US_ASCII);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        keySets.put(variable, Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
