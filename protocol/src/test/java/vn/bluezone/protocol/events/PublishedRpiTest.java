package vn.bluezone.protocol.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;

class PublishedRpiTest {

    final UUID caseId = UUID.randomUUID();
    final UUID uploader = UUID.randomUUID();
    final byte[] earlier = ExposureCrypto.newTemporaryExposureKey();
    final byte[] later = ExposureCrypto.newTemporaryExposureKey();

    @Test
    void anUploadIsExpandedIntoTheRpisItsKeysBroadcastFromTheInfectiousStartOn() {
        int day = 2_950_128;
        Instant uploadedAt = Instant.ofEpochMilli(1_780_000_000_123L);
        DiagnosisKeysPublished upload = new DiagnosisKeysPublished(UUID.randomUUID(), caseId, uploader, ContactLevel.F1,
                day + 100, List.of(uploader), List.of(new DiagnosisKeysPublished.Key(earlier, day - 144, 144),
                new DiagnosisKeysPublished.Key(later, day, 144)), uploadedAt);

        List<PublishedRpi.Keyed> rpis = PublishedRpi.of(upload);

        // The earlier key's day is wholly before the infectious start: none of its RPIs; the later key's from it on.
        assertThat(rpis).hasSize(44);
        assertThat(rpis.get(0).rpi()).isEqualTo(Rpis.toKey(ExposureCrypto.rollingProximityIdentifier(
                ExposureCrypto.rollingProximityIdentifierKey(later), day + 100)));
        assertThat(rpis).extracting(rpi -> rpi.publication().interval()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(day + 100, day + 144).boxed().toList());
        assertThat(rpis).allSatisfy(rpi -> assertThat(rpi.publication()).isEqualTo(new PublishedRpi(caseId, uploader,
                ContactLevel.F1, List.of(uploader), rpi.publication().interval(), uploadedAt.toEpochMilli())));
    }
}
