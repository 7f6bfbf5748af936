package vn.bluezone.protocol.events;

import static vn.bluezone.protocol.events.BinaryFields.UUID_BYTES;
import static vn.bluezone.protocol.events.BinaryFields.getUuid;
import static vn.bluezone.protocol.events.BinaryFields.putUuid;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;

/**
 * {@link PublishedRpi} on {@link Topics#PUBLISHED_RPIS}: a binary layout, 64 bytes for an F0's RPI
 * (one excluded device) instead of about 300 of JSON. Big-endian:
 *
 * <pre>
 * offset size field
 *      0    1 format version, {@value #VERSION}
 *      1   16 case id
 *     17   16 uploader device id
 *     33    1 uploader level (ContactLevel ordinal)
 *     34    4 interval (signed 32-bit)
 *     38    8 keys uploaded at, epoch milliseconds
 *     46    2 n, excluded device ids (unsigned 16-bit), then n × 16 bytes
 * </pre>
 *
 * The topic never held another format. The same layout without the version byte holds the
 * publications in the matching engine's state ({@link #write}, {@link #read}).
 */
public final class PublishedRpiSerde extends VersionedBinarySerde<PublishedRpi> {

    public static final byte VERSION = 1;

    private static final ContactLevel[] LEVELS = ContactLevel.values();

    public PublishedRpiSerde() {
        super(VERSION, "a published RPI", null);
    }

    @Override
    public int bytes(PublishedRpi publication) {
        return 2 * UUID_BYTES + 1 + 4 + 8 + 2 + publication.excludedDeviceIds().size() * UUID_BYTES;
    }

    /** Writes every field; a publication that lacks one cannot be written. */
    @Override
    public ByteBuffer write(ByteBuffer out, PublishedRpi publication) {
        if (publication.caseId() == null || publication.uploaderDeviceId() == null || publication.uploaderLevel() == null
                || publication.excludedDeviceIds() == null || publication.excludedDeviceIds().size() > 0xFFFF) {
            throw new SerializationException("A published RPI needs a case, an uploader and its level, and its excluded devices");
        }
        putUuid(putUuid(out, publication.caseId()), publication.uploaderDeviceId())
                .put((byte) publication.uploaderLevel().ordinal()).putInt(publication.interval())
                .putLong(publication.uploadedAtMillis()).putShort((short) publication.excludedDeviceIds().size());
        publication.excludedDeviceIds().forEach(excluded -> putUuid(out, excluded));
        return out;
    }

    @Override
    public PublishedRpi read(ByteBuffer in) {
        UUID caseId = getUuid(in);
        UUID uploader = getUuid(in);
        ContactLevel level = LEVELS[in.get()];
        int interval = in.getInt();
        long uploadedAt = in.getLong();
        int excludedCount = Short.toUnsignedInt(in.getShort());
        List<UUID> excluded = new ArrayList<>(excludedCount);
        for (int e = 0; e < excludedCount; e++) {
            excluded.add(getUuid(in));
        }
        return new PublishedRpi(caseId, uploader, level, List.copyOf(excluded), interval, uploadedAt);
    }
}
