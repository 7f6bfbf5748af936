package vn.bluezone.matching.engine;

import java.util.ArrayList;
import java.util.List;

/** Everything known about one RPI: who saw it and which cases published it. Both sides of the join. */
record RpiState(List<StoredSighting> sightings, List<PublishedRpi> publications) {

    static RpiState empty() {
        return new RpiState(List.of(), List.of());
    }

    /** The state with this sighting added; null when it adds nothing (a duplicate or shorter repeat). */
    RpiState withSighting(StoredSighting sighting) {
        List<StoredSighting> updated = new ArrayList<>(sightings.size() + 1);
        for (StoredSighting existing : sightings) {
            if (existing.sameObservation(sighting)) {
                if (existing.durationSeconds() >= sighting.durationSeconds()
                        && existing.attenuationDb() <= sighting.attenuationDb()) {
                    return null;
                }
            } else {
                updated.add(existing);
            }
        }
        updated.add(sighting);
        return new RpiState(updated, publications);
    }

    /** The state without anything from before {@code oldestInterval}; null when nothing is left. */
    RpiState withoutOlderThan(int oldestInterval) {
        List<StoredSighting> liveSightings = sightings.stream().filter(s -> s.interval() >= oldestInterval).toList();
        List<PublishedRpi> livePublications = publications.stream().filter(p -> p.interval() >= oldestInterval).toList();
        return liveSightings.isEmpty() && livePublications.isEmpty() ? null : new RpiState(liveSightings, livePublications);
    }

    /** The state with this publication added; null when the case already published this RPI. */
    RpiState withPublication(PublishedRpi publication) {
        if (publications.contains(publication)) {
            return null;
        }
        List<PublishedRpi> updated = new ArrayList<>(publications);
        updated.add(publication);
        return new RpiState(sightings, updated);
    }
}
