package vn.bluezone.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Google/Apple Exposure Notification cryptography v1.2: temporary exposure keys (TEK),
 * rolling proximity identifier keys (RPIK) and rolling proximity identifiers (RPI).
 */
public final class ExposureCrypto {

    public static final int KEY_LENGTH = 16;
    public static final int RPI_LENGTH = 16;

    private static final byte[] RPIK_INFO = "EN-RPIK".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RPI_PADDING = "EN-RPI".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExposureCrypto() {
    }

    public static byte[] newTemporaryExposureKey() {
        byte[] tek = new byte[KEY_LENGTH];
        RANDOM.nextBytes(tek);
        return tek;
    }

    /** RPIK = HKDF-SHA256(TEK, salt = none, info = "EN-RPIK", 16 bytes). */
    public static byte[] rollingProximityIdentifierKey(byte[] tek) {
        requireLength(tek, KEY_LENGTH, "TEK");
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(tek, null, RPIK_INFO));
        byte[] rpik = new byte[KEY_LENGTH];
        hkdf.generateBytes(rpik, 0, rpik.length);
        return rpik;
    }

    /** RPI = AES-128-ECB(RPIK, "EN-RPI" || 0x000000000000 || ENIN as uint32 little-endian). */
    public static byte[] rollingProximityIdentifier(byte[] rpik, int interval) {
        return rollingProximityIdentifiers(rpik, interval, 1).get(0);
    }

    /** The {@code count} consecutive RPIs of a key from {@code firstInterval}, one AES call for all. */
    public static List<byte[]> rollingProximityIdentifiers(byte[] rpik, int firstInterval, int count) {
        requireLength(rpik, KEY_LENGTH, "RPIK");
        ByteBuffer padded = ByteBuffer.allocate(count * RPI_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            padded.put(RPI_PADDING).put(new byte[6]).putInt(firstInterval + i);
        }
        byte[] encrypted;
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rpik, "AES"));
            encrypted = aes.doFinal(padded.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-ECB is required by the JCA and must be available", e);
        }
        List<byte[]> rpis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] rpi = new byte[RPI_LENGTH];
            System.arraycopy(encrypted, i * RPI_LENGTH, rpi, 0, RPI_LENGTH);
            rpis.add(rpi);
        }
        return rpis;
    }

    private static void requireLength(byte[] value, int length, String name) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes");
        }
    }
}
