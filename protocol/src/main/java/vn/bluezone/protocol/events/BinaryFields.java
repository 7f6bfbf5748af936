package vn.bluezone.protocol.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;

/** The field encodings the binary record layouts share, big-endian as {@link ByteBuffer} is by default. */
public final class BinaryFields {

    /** Bytes of a UUID: most, then least significant 64 bits. */
    public static final int UUID_BYTES = 16;
    /** Bytes of a UUID that may be absent: a presence byte, then the UUID (zeros when absent). */
    public static final int OPTIONAL_UUID_BYTES = 1 + UUID_BYTES;

    private BinaryFields() {
    }

    public static ByteBuffer putUuid(ByteBuffer out, UUID id) {
        return out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    public static UUID getUuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    public static ByteBuffer putOptionalUuid(ByteBuffer out, UUID id) {
        return id == null ? out.put((byte) 0).putLong(0).putLong(0) : putUuid(out.put((byte) 1), id);
    }

    public static UUID getOptionalUuid(ByteBuffer in) {
        boolean present = in.get() != 0;
        UUID id = getUuid(in);
        return present ? id : null;
    }

    /** Bytes of {@link #putAscii}: a length byte, then the characters. */
    public static int asciiBytes(String text) {
        return 1 + text.length();
    }

    /** A short ASCII string (an id): at most 255 characters. */
    public static ByteBuffer putAscii(ByteBuffer out, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 255) {
            throw new SerializationException("A string field longer than 255 characters");
        }
        return out.put((byte) ascii.length).put(ascii);
    }

    public static String getAscii(ByteBuffer in) {
        byte[] ascii = new byte[Byte.toUnsignedInt(in.get())];
        in.get(ascii);
        return new String(ascii, StandardCharsets.US_ASCII);
    }
}
