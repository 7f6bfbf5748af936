package vn.bluezone.matching.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.SelfSerde;

/**
 * {@link RpiState} in the {@code rpi-state} store and its changelog, which hold one entry per sighted
 * RPI for the whole retention: a binary layout, 23 bytes per sighting, where the JSON of the first
 * format took about 110. Big-endian, after a version byte ({@value #VERSION}):
 *
 * <pre>
 * u16 sightings, then each: device id (16), interval (i32), duration s (u16), attenuation dB (u8)
 * i32 publications, then each: case id (16), uploader device id (16), uploader level (u8 ordinal),
 *     interval (i32), keys uploaded at epoch ms (i64), u16 excluded device ids, then each (16)
 * </pre>
 *
 * A value that starts with <code>{</code> is the first format's JSON and is still read, so a store
 * written by the previous version needs no rebuild; it is rewritten in this layout as its RPIs change.
 */
final class RpiStateSerde implements SelfSerde<RpiState> {

    static final byte VERSION = 1;
    static final int SIGHTING_BYTES = 16 + 4 + 2 + 1;

    private static final int UUID_BYTES = 16;
    private static final ContactLevel[] LEVELS = ContactLevel.values();

    private final JsonSerde<RpiState> firstFormat = new JsonSerde<>(RpiState.class);

    @Override
    public byte[] serialize(String topic, RpiState state) {
        if (state == null) {
            return null;
        }
        int size = 1 + 2 + state.sightings().size() * SIGHTING_BYTES + 4;
        for (PublishedRpi publication : state.publications()) {
            size += 2 * UUID_BYTES + 1 + 4 + 8 + 2 + publication.excludedDeviceIds().size() * UUID_BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putShort((short) state.sightings().size());
        for (StoredSighting sighting : state.sightings()) {
            put(out, sighting.deviceId()).putInt(sighting.interval()).putShort((short) sighting.durationSeconds())
                    .put((byte) sighting.attenuationDb());
        }
        out.putInt(state.publications().size());
        for (PublishedRpi publication : state.publications()) {
            put(put(out, publication.caseId()), publication.uploaderDeviceId()).put((byte) publication.uploaderLevel().ordinal())
                    .putInt(publication.interval()).putLong(publication.uploadedAtMillis())
                    .putShort((short) publication.excludedDeviceIds().size());
            publication.excludedDeviceIds().forEach(excluded -> put(out, excluded));
        }
        return out.array();
    }

    @Override
    public RpiState deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return firstFormat.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] != VERSION) {
            throw new SerializationException("Not an RPI state of format version " + VERSION);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
            int sightingCount = Short.toUnsignedInt(in.getShort());
            List<StoredSighting> sightings = new ArrayList<>(sightingCount);
            for (int i = 0; i < sightingCount; i++) {
                sightings.add(new StoredSighting(uuid(in), in.getInt(), Short.toUnsignedInt(in.getShort()),
                        Byte.toUnsignedInt(in.get())));
            }
            int publicationCount = in.getInt();
            List<PublishedRpi> publications = new ArrayList<>(publicationCount);
            for (int i = 0; i < publicationCount; i++) {
                UUID caseId = uuid(in);
                UUID uploader = uuid(in);
                ContactLevel level = LEVELS[in.get()];
                int interval = in.getInt();
                long uploadedAt = in.getLong();
                int excludedCount = Short.toUnsignedInt(in.getShort());
                List<UUID> excluded = new ArrayList<>(excludedCount);
                for (int e = 0; e < excludedCount; e++) {
                    excluded.add(uuid(in));
                }
                publications.add(new PublishedRpi(caseId, uploader, level, List.copyOf(excluded), interval, uploadedAt));
            }
            return new RpiState(sightings, publications);
        } catch (RuntimeException e) {
            throw new SerializationException("A truncated or corrupt RPI state", e);
        }
    }

    private static ByteBuffer put(ByteBuffer out, UUID id) {
        return out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }
}
