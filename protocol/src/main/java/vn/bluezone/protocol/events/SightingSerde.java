package vn.bluezone.protocol.events;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;

/**
 * {@link SightingRecorded} on {@link Topics#SIGHTINGS}, the hottest topic: a fixed binary layout of
 * {@value #SIZE} bytes instead of about 143 bytes of JSON, read and written without a parser.
 *
 * <pre>
 * offset size field
 *      0    1 format version, {@value #VERSION}
 *      1   16 observer device id (most, then least significant 64 bits, big-endian)
 *     17   16 RPI
 *     33    4 interval (signed 32-bit, big-endian)
 *     37    2 duration in seconds (unsigned 16-bit; the API allows 1 to 900)
 *     39    1 attenuation in dB (unsigned 8-bit; the API allows 0 to 255)
 * </pre>
 *
 * A value that starts with <code>{</code> is the JSON of the topic's first format, still read, so the
 * records written before this format stay readable for their whole retention. Anything else (another
 * version, a wrong length) is a {@link SerializationException}: the consumer dead-letters it.
 */
public final class SightingSerde implements SelfSerde<SightingRecorded> {

    public static final byte VERSION = 1;
    public static final int SIZE = 40;

    private static final byte JSON_START = '{';
    private static final int RPI_BYTES = 16;

    private final JsonSerde<SightingRecorded> firstFormat = new JsonSerde<>(SightingRecorded.class);

    @Override
    public byte[] serialize(String topic, SightingRecorded sighting) {
        if (sighting == null) {
            return null;
        }
        if (sighting.deviceId() == null || sighting.rpi() == null || sighting.rpi().length != RPI_BYTES
                || sighting.durationSeconds() < 0 || sighting.durationSeconds() > 0xFFFF
                || sighting.attenuationDb() < 0 || sighting.attenuationDb() > 0xFF) {
            throw new SerializationException("A sighting needs a device, a 16-byte RPI, a duration of 0 to 65535 s "
                    + "and an attenuation of 0 to 255 dB");
        }
        return ByteBuffer.allocate(SIZE).put(VERSION)
                .putLong(sighting.deviceId().getMostSignificantBits()).putLong(sighting.deviceId().getLeastSignificantBits())
                .put(sighting.rpi()).putInt(sighting.interval()).putShort((short) sighting.durationSeconds())
                .put((byte) sighting.attenuationDb()).array();
    }

    @Override
    public SightingRecorded deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == JSON_START) {
            return firstFormat.deserialize(topic, data);
        }
        if (data.length != SIZE || data[0] != VERSION) {
            throw new SerializationException("Not a sighting of format version " + VERSION + " (" + data.length
                    + " bytes" + (data.length > 0 ? ", version " + data[0] : "") + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(data, 1, SIZE - 1);
        UUID device = new UUID(in.getLong(), in.getLong());
        byte[] rpi = new byte[RPI_BYTES];
        in.get(rpi);
        return new SightingRecorded(device, rpi, in.getInt(), Short.toUnsignedInt(in.getShort()),
                Byte.toUnsignedInt(in.get()));
    }
}
