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
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.VersionedBinarySerde;

/**
 * {@link ExposureState} in the {@code exposures} store and its changelog: read and written for every
 * exposure, so a binary layout (its JSON's parsing took a quarter of the stream thread in the
 * simulated city's F2 burst). Big-endian, after a version byte ({@value #VERSION}):
 *
 * <pre>
 * u8 alerted level (ordinal + 1, 0 = none), i32 last exposure day (epoch day)
 * u16 contributions, then each: u8 observation id length, its ASCII bytes, u8 level, via device id
 *     (u8 1 if present, then 16 bytes, zeros if absent), i32 interval, i32 day (epoch day),
 *     f64 weighted minutes
 * u8 0 = no alert, else 1 and: contact id, case id, device id (16 each), u8 level, via device id (as
 *     above), i32 exposure date (epoch day), f64 weighted minutes, i32 first exposure interval,
 *     i64 found at (epoch ms)
 * </pre>
 *
 * A value that starts with <code>{</code> is the first format's JSON and is still read, so a store
 * written by the previous version needs no rebuild; it is rewritten in this layout as it changes.
 */
final class ExposureStateSerde extends VersionedBinarySerde<ExposureState> {

    static final byte VERSION = 1;

    private static final ContactLevel[] LEVELS = ContactLevel.values();
    private static final int CONTRIBUTION_BYTES = 1 + OPTIONAL_UUID_BYTES + 4 + 4 + 8; // besides the id's
    private static final int ALERT_BYTES = 3 * UUID_BYTES + 1 + OPTIONAL_UUID_BYTES + 4 + 8 + 4 + 8;

    ExposureStateSerde() {
        super(VERSION, "an exposure state", ExposureState.class);
    }

    @Override
    public int bytes(ExposureState state) {
        int size = 1 + 4 + 2 + 1 + (state.alert() == null ? 0 : ALERT_BYTES);
        for (String id : state.contributions().keySet()) {
            size += CONTRIBUTION_BYTES + asciiBytes(id);
        }
        return size;
    }

    @Override
    public ByteBuffer write(ByteBuffer out, ExposureState state) {
        out.put(level(state.alertedLevel())).putInt((int) state.lastExposureDay().toEpochDay())
                .putShort((short) state.contributions().size());
        state.contributions().forEach((id, contribution) -> {
            putAscii(out, id).put((byte) contribution.level().ordinal());
            putOptionalUuid(out, contribution.viaDeviceId()).putInt(contribution.interval())
                    .putInt((int) contribution.day().toEpochDay()).putDouble(contribution.weightedMinutes());
        });
        ContactFound alert = state.alert();
        if (alert == null) {
            return out.put((byte) 0);
        }
        putUuid(putUuid(putUuid(out.put((byte) 1), alert.contactId()), alert.caseId()), alert.deviceId())
                .put((byte) alert.level().ordinal());
        return putOptionalUuid(out, alert.viaDeviceId()).putInt((int) alert.exposureDate().toEpochDay())
                .putDouble(alert.weightedMinutes()).putInt(alert.firstExposureInterval()).putLong(alert.foundAt().toEpochMilli());
    }

    @Override
    public ExposureState read(ByteBuffer in) {
        int alerted = in.get();
        LocalDate lastExposureDay = LocalDate.ofEpochDay(in.getInt());
        int count = Short.toUnsignedInt(in.getShort());
        Map<String, ExposureState.Contribution> contributions = new HashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            contributions.put(getAscii(in), new ExposureState.Contribution(LEVELS[in.get()], getOptionalUuid(in),
                    in.getInt(), LocalDate.ofEpochDay(in.getInt()), in.getDouble()));
        }
        ContactFound alert = in.get() == 0 ? null : new ContactFound(getUuid(in), getUuid(in), getUuid(in),
                LEVELS[in.get()], getOptionalUuid(in), LocalDate.ofEpochDay(in.getInt()), in.getDouble(), in.getInt(),
                Instant.ofEpochMilli(in.getLong()));
        return new ExposureState(contributions, alerted == 0 ? null : LEVELS[alerted - 1], lastExposureDay, alert);
    }

    private static byte level(ContactLevel level) {
        return (byte) (level == null ? 0 : level.ordinal() + 1);
    }
}
