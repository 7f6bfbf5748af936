package vn.bluezone.testsupport;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * The key sets of every purpose for one test JVM, generated at start, as the services' properties
 * take them, and the token makers a test uses to act as the service that holds a key.
 */
public final class TestKeys {

    public static final String DEVICE_TOKENS = JwtKeys.generateSymmetric("device-test");
    public static final String OFFICIAL_TOKENS = JwtKeys.generateKeyPair("official-test");
    public static final String OFFICIAL_TOKENS_PUBLIC = JwtKeys.publicKeys(OFFICIAL_TOKENS);
    public static final String F0_GRANTS = JwtKeys.generateKeyPair("f0-grant-test");
    public static final String F1_GRANTS = JwtKeys.generateKeyPair("f1-grant-test");
    public static final String F1_GRANTS_PUBLIC = JwtKeys.publicKeys(F1_GRANTS);
    public static final String HASHES = JwtKeys.generateSymmetric("hash-test");
    public static final String UPLOAD_ASSERTIONS = JwtKeys.generateSymmetric("upload-assertion-test");
    public static final String NOTIFY_ASSERTIONS = JwtKeys.generateSymmetric("notify-assertion-test");

    private TestKeys() {
    }

    /** One JWK set of the keys of both, {@code first}'s first: the set during a rotation. */
    public static String combined(String first, String second) {
        try {
            List<JWK> keys = new ArrayList<>(JWKSet.parse(first).getKeys());
            keys.addAll(JWKSet.parse(second).getKeys());
            return new JWKSet(keys).toString(false);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The upload-service's token maker: issues device and official tokens. */
    public static BearerTokens bearerTokens(Clock clock) {
        return new BearerTokens(JwtKeys.parse("device token", DEVICE_TOKENS), JwtKeys.parse("official token", OFFICIAL_TOKENS),
                clock);
    }

    /** Grants as the upload-service (F0) and the notify-service (F1) issue them, and as the upload-service accepts them. */
    public static UploadGrants uploadGrants(Clock clock) {
        return new UploadGrants(Map.of(ContactLevel.F0, JwtKeys.parse("F0 grant", F0_GRANTS),
                ContactLevel.F1, JwtKeys.parse("F1 grant", F1_GRANTS)), clock);
    }

    /** The gateway's assertions for the service whose keys these are. */
    public static IdentityAssertions assertions(String serviceKeys, Clock clock) {
        return new IdentityAssertions(JwtKeys.parse("identity assertion", serviceKeys), clock);
    }

    /** Gives a test's application the keys of a service, e.g. {@code TestKeys.register(registry, TestKeys.uploadServiceProperties())}. */
    public static void register(DynamicPropertyRegistry registry, String... properties) {
        for (String property : properties) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    /** As command-line arguments ({@code --name=value}). */
    public static String[] asArguments(String... properties) {
        return Arrays.stream(properties).map(property -> "--" + property).toArray(String[]::new);
    }

    /** The upload-service's key properties, as {@code name=value}. */
    public static String[] uploadServiceProperties() {
        return new String[] {
            "bluezone.upload.keys.device-tokens=" + DEVICE_TOKENS,
            "bluezone.upload.keys.official-tokens=" + OFFICIAL_TOKENS,
            "bluezone.upload.keys.f0-grants=" + F0_GRANTS,
            "bluezone.upload.keys.f1-grants-public=" + F1_GRANTS_PUBLIC,
            "bluezone.upload.keys.hashes=" + HASHES,
            "bluezone.identity.assertion-keys=" + UPLOAD_ASSERTIONS};
    }

    public static String[] notifyServiceProperties() {
        return new String[] {
            "bluezone.notify.f1-grant-keys=" + F1_GRANTS,
            "bluezone.identity.assertion-keys=" + NOTIFY_ASSERTIONS};
    }

    public static String[] gatewayProperties() {
        return new String[] {
            "bluezone.gateway.keys.device-tokens=" + DEVICE_TOKENS,
            "bluezone.gateway.keys.official-tokens-public=" + OFFICIAL_TOKENS_PUBLIC,
            "bluezone.gateway.keys.upload-service-assertions=" + UPLOAD_ASSERTIONS,
            "bluezone.gateway.keys.notify-service-assertions=" + NOTIFY_ASSERTIONS};
    }
}
