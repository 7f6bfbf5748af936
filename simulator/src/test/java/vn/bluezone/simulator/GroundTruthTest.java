package vn.bluezone.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.crypto.EnIntervals;

class GroundTruthTest {

    static final int NOON = EnIntervals.startOfDay(LocalDate.parse("2026-03-10")) + 72;

    @Test
    void closeContactsAreF1AndTheirLaterContactsF2() {
        Phone f0 = new Phone(0);
        Phone f1 = new Phone(1);
        Phone f2 = new Phone(2);
        Phone metF1Before = new Phone(3);
        Phone tooFar = new Phone(4);
        Phone medium = new Phone(5);
        hears(f1, f0, NOON, 2, 50);               // 20 near minutes
        hears(medium, f0, NOON, 3, 70);           // 30 medium minutes = 15 weighted
        hears(tooFar, f0, NOON, 6, 80);           // counts 0
        hears(f2, f1, NOON + 10, 2, 55);          // after f1 was exposed
        hears(metF1Before, f1, NOON - 20, 6, 50); // before f1 was exposed
        hears(f0, f1, NOON + 10, 6, 50);          // the F0 is never its own F2

        GroundTruth.CaseTruth truth = GroundTruth.of(f0, NOON - 144, List.of(f0, f1, f2, metF1Before, tooFar, medium));

        assertThat(truth.f1FirstExposure()).containsOnlyKeys(f1, medium);
        assertThat(truth.f1FirstExposure().get(f1)).isEqualTo(NOON);
        assertThat(truth.f2()).containsExactly(f2);
    }

    @Test
    void anF2IsAttributedToEveryF1ItMetCloselyEnoughAndToNoOther() {
        Phone f0 = new Phone(0);
        Phone early = new Phone(1);
        Phone late = new Phone(2);
        Phone metBoth = new Phone(3);
        Phone metLateOnly = new Phone(4);
        hears(early, f0, NOON, 2, 50);
        hears(late, f0, NOON, 2, 50);
        hears(metBoth, early, NOON + 10, 2, 50);
        hears(metBoth, late, NOON + 20, 2, 50);
        hears(metLateOnly, late, NOON + 10, 2, 50);
        hears(metLateOnly, early, NOON + 10, 1, 50); // 10 minutes: not close enough to make it an F2 through early

        GroundTruth.CaseTruth truth = GroundTruth.of(f0, NOON - 144, List.of(f0, early, late, metBoth, metLateOnly));

        assertThat(truth.f2Sources()).containsOnlyKeys(metBoth, metLateOnly);
        assertThat(truth.f2Sources().get(metBoth)).containsExactlyInAnyOrder(early, late);
        assertThat(truth.f2Sources().get(metLateOnly)).containsExactly(late);
    }

    @Test
    void theCityIsTheSameForTheSameSeed() {
        assertThat(sightings(7)).isEqualTo(sightings(7)).isNotEqualTo(sightings(8));
    }

    private static long sightings(int seed) {
        List<Phone> phones = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            phones.add(new Phone(i));
        }
        return new City(phones, new Random(seed)).live(LocalDate.parse("2026-03-10"));
    }

    private static void hears(Phone listener, Phone broadcaster, int from, int intervals, int attenuationDb) {
        for (int i = from; i < from + intervals; i++) {
            listener.heard.add(new Phone.Heard(broadcaster,
                    new SightingBatch.Sighting(broadcaster.rpi(i), i, 600, attenuationDb)));
        }
    }
}
