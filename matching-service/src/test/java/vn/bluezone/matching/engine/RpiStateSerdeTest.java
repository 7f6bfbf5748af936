package vn.bluezone.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpi;

class RpiStateSerdeTest {

    final RpiStateSerde serde = new RpiStateSerde();
    final StoredSighting sighting = new StoredSighting(UUID.randomUUID(), 2_950_123, 900, 255);
    final PublishedRpi publication = new PublishedRpi(UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F1,
            List.of(UUID.randomUUID(), UUID.randomUUID()), 2_950_120, 1_780_000_000_123L);

    @Test
    void aStateRoundTripsWithEverySightingAndPublicationField() {
        RpiState state = new RpiState(List.of(sighting, new StoredSighting(UUID.randomUUID(), 1, 1, 0)), List.of(publication));

        assertThat(serde.deserialize("t", serde.serialize("t", state))).isEqualTo(state);
    }

    @Test
    void oneStoredSightingTakesTwentyEightBytesAQuarterOfItsJson() {
        RpiState state = new RpiState(List.of(sighting), List.of());

        byte[] binary = serde.serialize("t", state);

        assertThat(binary).hasSize(1 + 2 + RpiStateSerde.SIGHTING_BYTES + 4);
        assertThat(new JsonSerde<>(RpiState.class).serialize("t", state).length).isGreaterThan(4 * binary.length);
    }

    @Test
    void aStoreWrittenInTheFirstFormatsJsonIsStillRead() {
        RpiState written = new RpiState(List.of(sighting), List.of(publication));

        assertThat(serde.deserialize("t", new JsonSerde<>(RpiState.class).serialize("t", written))).isEqualTo(written);
    }

    @Test
    void aTruncatedStateOrAnotherVersionIsAnErrorNeverAPartialState() {
        byte[] bytes = serde.serialize("t", new RpiState(List.of(sighting), List.of(publication)));
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 9;

        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", otherVersion)).isInstanceOf(SerializationException.class);
    }
}
