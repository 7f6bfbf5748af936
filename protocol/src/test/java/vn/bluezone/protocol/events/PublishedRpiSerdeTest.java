package vn.bluezone.protocol.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PublishedRpiSerdeTest {

    final PublishedRpiSerde serde = new PublishedRpiSerde();
    final UUID caseId = UUID.fromString("0123e456-789a-4bcd-8ef0-123456789abc");
    final UUID uploader = UUID.fromString("fedcba98-7654-4321-8fed-cba987654321");
    final PublishedRpi f0s = new PublishedRpi(caseId, uploader, ContactLevel.F0, List.of(uploader), 2_950_123,
            1_780_000_000_123L);

    @Test
    void anF0sPublishedRpiIsSixtyFourBytesInTheDocumentedLayoutAndReadsBackEqual() {
        byte[] bytes = serde.serialize("t", f0s);

        // The layout is the contract between the upload- and the matching-service: pinned byte for byte.
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("01" + "0123e456789a4bcd8ef0123456789abc"
                + "fedcba9876544321 8fedcba987654321".replace(" ", "") + "00" + "002d03eb" + "0000019e7044887b"
                + "0001" + "fedcba98765443218fedcba987654321");
        assertThat(serde.deserialize("t", bytes)).isEqualTo(f0s);
        assertThat(new JsonSerde<>(PublishedRpi.class).serialize("t", f0s).length).isGreaterThan(3 * bytes.length);
    }

    @Test
    void anF1sPublishedRpiWithSeveralExcludedDevicesReadsBackEqual() {
        PublishedRpi f1s = new PublishedRpi(caseId, uploader, ContactLevel.F1,
                List.of(uploader, UUID.randomUUID(), UUID.randomUUID()), 7, 1L);

        assertThat(serde.deserialize("t", serde.serialize("t", f1s))).isEqualTo(f1s);
    }

    @Test
    void aPublicationLackingAFieldCannotBeWritten() {
        assertThatThrownBy(() -> serde.serialize("t", new PublishedRpi(null, uploader, ContactLevel.F0, List.of(), 1, 1L)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.serialize("t", new PublishedRpi(caseId, uploader, null, List.of(), 1, 1L)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void anythingButTheWholeLayoutIsAnErrorNeverAPartialPublication() {
        byte[] bytes = serde.serialize("t", f0s);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 2;

        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", otherVersion)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", "{\"caseId\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
