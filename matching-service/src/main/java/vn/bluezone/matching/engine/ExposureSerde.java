package vn.bluezone.matching.engine;

import static vn.bluezone.protocol.events.BinaryFields.OPTIONAL_UUID_BYTES;
import static vn.bluezone.protocol.events.BinaryFields.UUID_BYTES;
import static vn.bluezone.protocol.events.BinaryFields.asciiBytes;
import static vn.bluezone.protocol.events.BinaryFields.getAscii;
import static vn.bluezone.protocol.events.BinaryFields.getOptionalUuid;
import static vn.bluezone.protocol.events.BinaryFields.getUuid;
import static vn.bluezone.protocol.events.BinaryFields.putAscii;
import static vn.bluezone.protocol.events.BinaryFields.putOptionalUuid;
import static vn.bluezone.protocol.events.BinaryFields.putUuid;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.SelfSerde;

/**
 * {@link Exposure} on the engine's repartition topic by device: a binary layout, about 110 bytes where
 * its JSON took 300. Big-endian, after a version byte ({@value #VERSION}): device id, case id (16 each),
 * u8 level, via device id (u8 1 if present, then 16 bytes, zeros if absent), u8 observation id length
 * and its ASCII bytes, i32 interval, i32 day (epoch day), f64 weighted minutes.
 *
 * A value that starts with <code>{</code> is the first format's JSON and is still read, so the records
 * a previous version left on the topic are still scored.
 */
final class ExposureSerde implements SelfSerde<Exposure> {

    static final byte VERSION = 1;

    private static final ContactLevel[] LEVELS = ContactLevel.values();

    private final JsonSerde<Exposure> firstFormat = new JsonSerde<>(Exposure.class);

    @Override
    public byte[] serialize(String topic, Exposure exposure) {
        if (exposure == null) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(1 + 2 * UUID_BYTES + 1 + OPTIONAL_UUID_BYTES
                + asciiBytes(exposure.observationId()) + 4 + 4 + 8).put(VERSION);
        putUuid(putUuid(out, exposure.deviceId()), exposure.caseId()).put((byte) exposure.level().ordinal());
        putAscii(putOptionalUuid(out, exposure.viaDeviceId()), exposure.observationId()).putInt(exposure.interval())
                .putInt((int) exposure.day().toEpochDay()).putDouble(exposure.weightedMinutes());
        return out.array();
    }

    @Override
    public Exposure deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return firstFormat.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] != VERSION) {
            throw new SerializationException("Not an exposure of format version " + VERSION);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
            Exposure exposure = new Exposure(getUuid(in), getUuid(in), LEVELS[in.get()], getOptionalUuid(in), getAscii(in),
                    in.getInt(), LocalDate.ofEpochDay(in.getInt()), in.getDouble());
            if (in.hasRemaining()) {
                throw new SerializationException("An exposure with trailing bytes");
            }
            return exposure;
        } catch (RuntimeException e) {
            throw e instanceof SerializationException serialization ? serialization
                    : new SerializationException("A truncated or corrupt exposure", e);
        }
    }
}
