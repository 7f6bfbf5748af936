package vn.bluezone.protocol.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SightingSerdeTest {

    final SightingSerde serde = new SightingSerde();
    final UUID device = UUID.fromString("0123e456-789a-4bcd-8ef0-123456789abc");
    final byte[] rpi = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void aSightingIsFortyBytesInTheDocumentedLayoutAndReadsBackEqual() {
        SightingRecorded sighting = new SightingRecorded(device, rpi, 2_950_123, 900, 255);

        byte[] bytes = serde.serialize("t", sighting);

        // The layout is the contract between services: pinned byte for byte, not just round-tripped.
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("01" + "0123e456789a4bcd8ef0123456789abc"
                + "00112233445566778899aabbccddeeff" + "002d03eb" + "0384" + "ff");
        SightingRecorded back = serde.deserialize("t", bytes);
        assertThat(back.deviceId()).isEqualTo(device);
        assertThat(back.rpi()).containsExactly(rpi);
        assertThat(back).extracting(SightingRecorded::interval, SightingRecorded::durationSeconds,
                SightingRecorded::attenuationDb).containsExactly(2_950_123, 900, 255);
    }

    @Test
    void theJsonOfTheFirstFormatIsStillRead() {
        byte[] firstFormat = new JsonSerde<>(SightingRecorded.class)
                .serialize("t", new SightingRecorded(device, rpi, 2_950_123, 300, 61));
        assertThat(new String(firstFormat, StandardCharsets.UTF_8)).startsWith("{");

        SightingRecorded back = serde.deserialize("t", firstFormat);

        assertThat(back.deviceId()).isEqualTo(device);
        assertThat(back.rpi()).containsExactly(rpi);
        assertThat(back.durationSeconds()).isEqualTo(300);
        assertThat(back.attenuationDb()).isEqualTo(61);
    }

    @Test
    void anotherVersionOrLengthIsUnreadableNeverMisread() {
        byte[] bytes = serde.serialize("t", new SightingRecorded(device, rpi, 1, 60, 50));
        byte[] nextVersion = bytes.clone();
        nextVersion[0] = 2;
        byte[] truncated = java.util.Arrays.copyOf(bytes, SightingSerde.SIZE - 1);

        assertThatThrownBy(() -> serde.deserialize("t", nextVersion)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> serde.deserialize("t", truncated)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", new byte[0])).isInstanceOf(SerializationException.class);
    }

    @Test
    void aSightingTheLayoutCannotHoldIsRefusedAtTheProducer() {
        assertThatThrownBy(() -> serde.serialize("t", new SightingRecorded(device, new byte[15], 1, 60, 50)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.serialize("t", new SightingRecorded(device, rpi, 1, 60, 256)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.serialize("t", new SightingRecorded(null, rpi, 1, 60, 50)))
                .isInstanceOf(SerializationException.class);
    }
}
