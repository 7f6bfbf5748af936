package vn.bluezone.matching.engine;

import static vn.bluezone.protocol.events.BinaryFields.getUuid;
import static vn.bluezone.protocol.events.BinaryFields.putUuid;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.VersionedBinarySerde;

/**
 * {@link RpiState} in the {@code rpi-state} store and its changelog, which hold one entry per sighted
 * RPI for the whole retention: a binary layout, 23 bytes per sighting, where the JSON of the first
 * format took about 110. Big-endian, after a version byte ({@value #VERSION}):
 *
 * <pre>
 * u16 sightings, then each: device id (16), interval (i32), duration s (u16), attenuation dB (u8)
 * i32 publications, then each in the layout of PublishedRpiSerde (without its version byte): case id (16),
 *     uploader device id (16), uploader level (u8 ordinal), interval (i32), keys uploaded at epoch ms
 *     (i64), u16 excluded device ids, then each (16)
 * </pre>
 *
 * A value that starts with <code>{</code> is the first format's JSON and is still read, so a store
 * written by the previous version needs no rebuild; it is rewritten in this layout as its RPIs change.
 */
final class RpiStateSerde extends VersionedBinarySerde<RpiState> {

    static final byte VERSION = 1;
    static final int SIGHTING_BYTES = 16 + 4 + 2 + 1;

    private final PublishedRpiSerde publications = new PublishedRpiSerde();

    RpiStateSerde() {
        super(VERSION, "an RPI state", RpiState.class);
    }

    @Override
    public int bytes(RpiState state) {
        int size = 2 + state.sightings().size() * SIGHTING_BYTES + 4;
        for (PublishedRpi publication : state.publications()) {
            size += publications.bytes(publication);
        }
        return size;
    }

    @Override
    public ByteBuffer write(ByteBuffer out, RpiState state) {
        out.putShort((short) state.sightings().size());
        for (StoredSighting sighting : state.sightings()) {
            putUuid(out, sighting.deviceId()).putInt(sighting.interval()).putShort((short) sighting.durationSeconds())
                    .put((byte) sighting.attenuationDb());
        }
        out.putInt(state.publications().size());
        state.publications().forEach(publication -> publications.write(out, publication));
        return out;
    }

    @Override
    public RpiState read(ByteBuffer in) {
        int sightingCount = Short.toUnsignedInt(in.getShort());
        List<StoredSighting> sightings = new ArrayList<>(sightingCount);
        for (int i = 0; i < sightingCount; i++) {
            sightings.add(new StoredSighting(getUuid(in), in.getInt(), Short.toUnsignedInt(in.getShort()),
                    Byte.toUnsignedInt(in.get())));
        }
        int publicationCount = in.getInt();
        List<PublishedRpi> published = new ArrayList<>(publicationCount);
        for (int i = 0; i < publicationCount; i++) {
            published.add(publications.read(in));
        }
        return new RpiState(sightings, published);
    }
}
