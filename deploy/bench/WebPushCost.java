import com.zerodeplibs.webpush.MessageEncryption;
import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * CPU per Web Push on one thread, with the library the notify-service sends with: the message
 * encryption (RFC 8291) and the VAPID token (RFC 8292) apart. Run by web-push-cost.sh. Since 6 December
 * 2026 the notify-service sends no payload, so the encryption is what that saves per push.
 */
public class WebPushCost {

    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair server = generator.generateKeyPair();
        VAPIDKeyPair vapid = VAPIDKeyPairs.of(PrivateKeySources.ofECPrivateKey((ECPrivateKey) server.getPrivate()),
                PublicKeySources.ofECPublicKey((ECPublicKey) server.getPublic()));
        UserAgentMessageEncryptionKeyInfo browser = UserAgentMessageEncryptionKeyInfo.of(
                uncompressed((ECPublicKey) generator.generateKeyPair().getPublic()),
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]));
        MessageEncryption encryption = MessageEncryptions.of();
        int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (int round = 1; round <= 4; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < pushes; i++) {
                encryption.encrypt(browser, PushMessage.ofUTF8("{\"type\":\"CHECK_ALERTS\"}"));
            }
            long encrypted = System.nanoTime();
            for (int i = 0; i < pushes; i++) {
                vapid.generateAuthorizationHeaderValue(VAPIDJWTParam.getBuilder()
                        .resourceURLString("https://push.example/send/" + i)
                        .expiresAfter(12, TimeUnit.HOURS).subject("mailto:ops@bluezone.test").build());
            }
            long signed = System.nanoTime();
            System.out.printf("round %d: encryption %.2f ms, VAPID token %.2f ms per push%n", round,
                    (encrypted - start) / 1e6 / pushes, (signed - encrypted) / 1e6 / pushes);
        }
    }

    private static String uncompressed(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        System.arraycopy(fixed32(key.getW().getAffineX()), 0, point, 1, 32);
        System.arraycopy(fixed32(key.getW().getAffineY()), 0, point, 33, 32);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    private static byte[] fixed32(BigInteger coordinate) {
        byte[] bytes = coordinate.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }
}
