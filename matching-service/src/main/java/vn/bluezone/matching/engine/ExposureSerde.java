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
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.VersionedBinarySerde;

/**
 * {@link Exposure} on the engine's repartition topic by device: a binary layout, about 110 bytes where
 * its JSON took 300. Big-endian, after a version byte ({@value #VERSION}): device id, case id (16 each),
 * u8 level, via device id (u8 1 if present, then 16 bytes, zeros if absent), u8 observation id length
 * and its ASCII bytes, i32 interval, i32 day (epoch day), f64 weighted minutes.
 *
 * A value that starts with <code>{</code> is the first format's JSON and is still read, so the records
 * a previous version left on the topic are still scored.
 */
final class ExposureSerde extends VersionedBinarySerde<Exposure> {

    static final byte VERSION = 1;

    private static final ContactLevel[] LEVELS = ContactLevel.values();

    ExposureSerde() {
        super(VERSION, "an exposure", Exposure.class);
    }

    @Override
    public int bytes(Exposure exposure) {
        return 2 * UUID_BYTES + 1 + OPTIONAL_UUID_BYTES + asciiBytes(exposure.observationId()) + 4 + 4 + 8;
    }

    @Override
    public ByteBuffer write(ByteBuffer out, Exposure exposure) {
        putUuid(putUuid(out, exposure.deviceId()), exposure.caseId()).put((byte) exposure.level().ordinal());
        return putAscii(putOptionalUuid(out, exposure.viaDeviceId()), exposure.observationId()).putInt(exposure.interval())
                .putInt((int) exposure.day().toEpochDay()).putDouble(exposure.weightedMinutes());
    }

    @Override
    public Exposure read(ByteBuffer in) {
        return new Exposure(getUuid(in), getUuid(in), LEVELS[in.get()], getOptionalUuid(in), getAscii(in), in.getInt(),
                LocalDate.ofEpochDay(in.getInt()), in.getDouble());
    }
}
