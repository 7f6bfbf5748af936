package vn.bluezone.protocol.events;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A value in a binary layout after a format version byte. Written in that layout; read from it, or
 * from the JSON of the value's first format (a value that starts with <code>{</code>) where there was
 * one, so that what an earlier version wrote stays readable. Anything else (another version, a
 * truncated value, trailing bytes) is a {@link SerializationException}, never a partial value: a
 * consumer dead-letters it.
 */
public abstract class VersionedBinarySerde<T> implements SelfSerde<T> {

    private final byte version;
    private final String what;
    private final JsonSerde<T> firstFormat;

    /**
     * @param what       the value, with its article, for error messages ("a published RPI")
     * @param firstFormat the value's class if its first format was JSON (still read), null if not
     */
    protected VersionedBinarySerde(byte version, String what, Class<T> firstFormat) {
        this.version = version;
        this.what = what;
        this.firstFormat = firstFormat == null ? null : new JsonSerde<>(firstFormat);
    }

    /** Bytes {@link #write} takes for the value, after the version byte. */
    public abstract int bytes(T value);

    public abstract ByteBuffer write(ByteBuffer out, T value);

    /** Reads what {@link #write} wrote; may throw any RuntimeException on bytes it did not write. */
    public abstract T read(ByteBuffer in);

    @Override
    public final byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        ByteBuffer out = write(ByteBuffer.allocate(1 + bytes(value)).put(version), value);
        if (out.hasRemaining()) {
            throw new IllegalStateException("The layout of " + what + " wrote fewer bytes than it counted");
        }
        return out.array();
    }

    @Override
    public final T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (firstFormat != null && data.length > 0 && data[0] == '{') {
            return firstFormat.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] != version) {
            throw new SerializationException("Not " + what + " of format version " + version);
        }
        T value;
        ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
        try {
            value = read(in);
        } catch (RuntimeException e) {
            throw new SerializationException("A truncated or corrupt value: " + what, e);
        }
        if (in.hasRemaining()) {
            throw new SerializationException("Trailing bytes after " + what);
        }
        return value;
    }
}
