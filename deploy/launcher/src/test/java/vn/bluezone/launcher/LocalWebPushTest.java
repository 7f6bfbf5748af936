package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWebPushTest {

    @TempDir
    Path dir;

    @Test
    void generatesOneP256VapidKeyPairAndAllowsTheLocalPushService() throws Exception {
        Map<String, String> first = LocalWebPush.settings(dir, Map.of());
        Path privateKey = Path.of(first.get(LocalWebPush.PRIVATE_KEY_FILE));
        Path publicKey = Path.of(first.get(LocalWebPush.PUBLIC_KEY_FILE));
        KeyFactory ec = KeyFactory.getInstance("EC");
        ECPrivateKey privatePart = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(der(privateKey)));
        ECPublicKey publicPart = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(der(publicKey)));
        assertThat(privatePart.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(publicPart.getParams().getOrder()).isEqualTo(privatePart.getParams().getOrder());
        assertThat(first).containsEntry("BLUEZONE_PUSH_WEBPUSH_EXTRA_ALLOWED_HOSTS", "127.0.0.1")
                .containsEntry("BLUEZONE_PUSH_WEBPUSH_ALLOW_HTTP", "true");

        String before = Files.readString(privateKey);
        LocalWebPush.settings(dir, Map.of());
        assertThat(Files.readString(privateKey)).as("the key pair of the first start, kept").isEqualTo(before);
    }

    @Test
    void whatTheUserConfiguredWinsAndNoKeyIsGenerated() throws Exception {
        Map<String, String> settings = LocalWebPush.settings(dir, Map.of(LocalWebPush.PRIVATE_KEY_FILE, "",
                "BLUEZONE_PUSH_WEBPUSH_ALLOW_HTTP", "false"));
        assertThat(settings).containsOnlyKeys("BLUEZONE_PUSH_WEBPUSH_EXTRA_ALLOWED_HOSTS");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static byte[] der(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
