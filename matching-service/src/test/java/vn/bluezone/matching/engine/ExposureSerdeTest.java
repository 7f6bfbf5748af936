package vn.bluezone.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;

class ExposureSerdeTest {

    final ExposureSerde serde = new ExposureSerde();
    final Exposure f1 = new Exposure(UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F1, null,
            "00112233445566778899aabbccddeeff:2950123", 2_950_123, LocalDate.parse("2026-12-01"), 10.0);
    final Exposure f2 = new Exposure(UUID.randomUUID(), UUID.randomUUID(), ContactLevel.F2, UUID.randomUUID(),
            "ffeeddccbbaa99887766554433221100:2950124", 2_950_124, LocalDate.parse("2026-12-01"), 2.5);

    @Test
    void anExposureRoundTripsWithEveryFieldInLessThanHalfOfItsJson() {
        assertThat(serde.deserialize("t", serde.serialize("t", f1))).isEqualTo(f1);
        assertThat(serde.deserialize("t", serde.serialize("t", f2))).isEqualTo(f2);
        assertThat(new JsonSerde<>(Exposure.class).serialize("t", f2).length).isGreaterThan(2 * serde.serialize("t", f2).length);
    }

    @Test
    void anExposureAPreviousVersionLeftOnTheTopicInJsonIsStillRead() {
        assertThat(serde.deserialize("t", new JsonSerde<>(Exposure.class).serialize("t", f2))).isEqualTo(f2);
    }
}
