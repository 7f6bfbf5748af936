package vn.bluezone.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.JsonSerde;

class ExposureStateSerdeTest {

    static final LocalDate DAY = LocalDate.parse("2026-12-01");

    final ExposureStateSerde serde = new ExposureStateSerde();
    final UUID viaF1 = UUID.randomUUID();
    final ExposureState beforeAnAlert = new ExposureState(Map.of(
            "00112233445566778899aabbccddeeff:2950123", new ExposureState.Contribution(ContactLevel.F1, null, 2_950_123, DAY, 10.0),
            "ffeeddccbbaa99887766554433221100:2950124", new ExposureState.Contribution(ContactLevel.F2, viaF1, 2_950_124, DAY, 2.5)),
            null, DAY, null);
    final ExposureState afterAnF2Alert = new ExposureState(Map.of(
            "00112233445566778899aabbccddeeff:2950123", new ExposureState.Contribution(ContactLevel.F1, null, 2_950_123, DAY, 10.0)),
            ContactLevel.F2, DAY.plusDays(1), new ContactFound(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            ContactLevel.F2, viaF1, DAY, 17.5, 2_950_100, Instant.ofEpochMilli(1_780_000_000_123L)));

    @Test
    void aStateRoundTripsWithEveryContributionAndAlertField() {
        assertThat(serde.deserialize("t", serde.serialize("t", beforeAnAlert))).isEqualTo(beforeAnAlert);
        assertThat(serde.deserialize("t", serde.serialize("t", afterAnF2Alert))).isEqualTo(afterAnF2Alert);
        assertThat(serde.deserialize("t", serde.serialize("t", ExposureState.empty()))).isEqualTo(ExposureState.empty());
    }

    @Test
    void aStateTakesLessThanHalfOfItsJson() {
        byte[] binary = serde.serialize("t", beforeAnAlert);

        assertThat(new JsonSerde<>(ExposureState.class).serialize("t", beforeAnAlert).length).isGreaterThan(2 * binary.length);
    }

    @Test
    void aStoreWrittenInTheFirstFormatsJsonIsStillRead() {
        assertThat(serde.deserialize("t", new JsonSerde<>(ExposureState.class).serialize("t", afterAnF2Alert)))
                .isEqualTo(afterAnF2Alert);
    }
}
