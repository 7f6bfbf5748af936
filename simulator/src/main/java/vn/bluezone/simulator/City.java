package vn.bluezone.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.crypto.EnIntervals;

/**
 * A simple mobility model: households, workplaces and schools (with close desk clusters and far
 * colleagues), buses at rush hour and markets in the evening. Every 10-minute interval, phones in the
 * same place hear each other's RPIs with an attenuation typical of the place. Deterministic per seed.
 */
final class City {

    /** Who is together, during which intervals of the day, and how close. */
    private record Gathering(List<Phone> people, int fromSlot, int toSlot, int attenuationDb, int noiseDb) {
    }

    private final List<Phone> phones;
    private final Random random;
    private final List<List<Phone>> households = new ArrayList<>();
    private final List<List<Phone>> desks = new ArrayList<>();
    private final List<List<Phone>> workplaces = new ArrayList<>();

    City(List<Phone> phones, Random random) {
        this.phones = phones;
        this.random = random;
        List<Phone> shuffled = new ArrayList<>(phones);
        Collections.shuffle(shuffled, random);
        split(shuffled, 1, 5, households);
        Collections.shuffle(shuffled, random);
        split(shuffled, 5, 30, workplaces);
        for (List<Phone> workplace : workplaces) {
            split(workplace, 2, 4, desks);
        }
    }

    /** Simulates one day: every phone records what it heard. Returns the number of sightings. */
    long live(LocalDate day) {
        int dayStart = EnIntervals.startOfDay(day);
        List<Gathering> gatherings = new ArrayList<>();
        for (List<Phone> home : households) {
            gatherings.add(new Gathering(home, 36, 42, 55, 3));      // 06:00-07:00
            gatherings.add(new Gathering(home, 108, 132, 55, 3));    // 18:00-22:00
        }
        List<Phone> riders = new ArrayList<>();
        for (Phone phone : phones) {
            if (random.nextDouble() < 0.6) {
                riders.add(phone);
            }
        }
        Collections.shuffle(riders, random);
        List<List<Phone>> buses = new ArrayList<>();
        split(riders, 8, 15, buses);
        for (List<Phone> bus : buses) {
            gatherings.add(new Gathering(bus, 42, 45, 66, 4));       // 07:00-07:30, medium distance
        }
        for (List<Phone> desk : desks) {
            gatherings.add(new Gathering(desk, 54, 60, 58, 3));      // meetings 09:00-10:00
            gatherings.add(new Gathering(desk, 84, 90, 58, 3));      // and 14:00-15:00
        }
        for (List<Phone> workplace : workplaces) {
            for (Phone phone : workplace) {                          // the far side of the office
                Phone other = workplace.get(random.nextInt(workplace.size()));
                if (other != phone) {
                    gatherings.add(new Gathering(List.of(phone, other), 60, 66, 80, 3));
                }
            }
        }
        for (Phone phone : phones) {                                 // market stalls, 17:00-18:00
            if (random.nextDouble() < 0.15) {
                Phone other = phones.get(random.nextInt(phones.size()));
                int slot = 102 + random.nextInt(4);
                if (other != phone) {
                    gatherings.add(new Gathering(List.of(phone, other), slot, slot + 2, 62, 4));
                }
            }
        }
        long sightings = 0;
        for (Gathering gathering : gatherings) {
            for (int slot = gathering.fromSlot(); slot < gathering.toSlot(); slot++) {
                int interval = dayStart + slot;
                for (Phone listener : gathering.people()) {
                    for (Phone broadcaster : gathering.people()) {
                        if (listener != broadcaster) {
                            int attenuation = gathering.attenuationDb() + random.nextInt(2 * gathering.noiseDb() + 1)
                                    - gathering.noiseDb();
                            listener.heard.add(new Phone.Heard(broadcaster, new SightingBatch.Sighting(
                                    broadcaster.rpi(interval), interval, 600, attenuation)));
                            sightings++;
                        }
                    }
                }
            }
        }
        return sightings;
    }

    private void split(List<Phone> people, int min, int max, List<List<Phone>> into) {
        int i = 0;
        while (i < people.size()) {
            int size = Math.min(people.size() - i, min + random.nextInt(max - min + 1));
            into.add(new ArrayList<>(people.subList(i, i + size)));
            i += size;
        }
    }
}
