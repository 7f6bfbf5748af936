package vn.bluezone.matching.engine;

import java.util.ArrayList;
import java.util.List;
import vn.bluezone.protocol.events.PublishedRpi;

/** Everything known about one RPI: who saw it and which cases published it. Both sides of the join. */
record RpiState(List<StoredSighting> sightings, List<PublishedRpi> publications) {

    static RpiState empty() {
        return new RpiState(List.of(), List.of());
    }

    /**
     * The state with this sighting added; null when it adds nothing: a duplicate or shorter repeat, or
     * a sighting past a cap. A device keeps at most {@code maxPerDevice} intervals of one RPI (a real
     * phone hears an RPI during one or two), and an RPI at most {@code maxTotal} sightings, so nothing a
     * phone uploads grows one RPI's state without bound; what a cap turns away is counted, never a failure.
     */
    RpiState withSighting(StoredSighting sighting, int maxPerDevice, int maxTotal, Caps overflow) {
        List<StoredSighting> updated = new ArrayList<>(sightings.size() + 1);
        int ofDevice = 0;
        boolean replacing = false;
        for (StoredSighting existing : sightings) {
            if (existing.sameObservation(sighting)) {
                if (existing.durationSeconds() >= sighting.durationSeconds()
                        && existing.attenuationDb() <= sighting.attenuationDb()) {
                    return null;
                }
                replacing = true;
            } else {
                updated.add(existing);
                ofDevice += existing.deviceId().equals(sighting.deviceId()) ? 1 : 0;
            }
        }
        if (!replacing && ofDevice >= maxPerDevice) {
            overflow.deviceCapReached();
            return null;
        }
        if (!replacing && sightings.size() >= maxTotal) {
            overflow.rpiCapReached();
            return null;
        }
        updated.add(sighting);
        return new RpiState(updated, publications);
    }

    /** Told when a cap turns a sighting away (metrics). */
    interface Caps {
        void deviceCapReached();

        void rpiCapReached();
    }

    /** The state without anything from before {@code oldestInterval}; null when nothing is left. */
    RpiState withoutOlderThan(int oldestInterval) {
        List<StoredSighting> liveSightings = sightings.stream().filter(s -> s.interval() >= oldestInterval).toList();
        List<PublishedRpi> livePublications = publications.stream().filter(p -> p.interval() >= oldestInterval).toList();
        return liveSightings.isEmpty() && livePublications.isEmpty() ? null : new RpiState(liveSightings, livePublications);
    }

    /** The state with this publication added; null when the case already published this RPI. */
    RpiState withPublication(PublishedRpi publication) {
        if (publications.stream().anyMatch(known -> known.samePublication(publication))) {
            return null;
        }
        List<PublishedRpi> updated = new ArrayList<>(publications);
        updated.add(publication);
        return new RpiState(sightings, updated);
    }
}
