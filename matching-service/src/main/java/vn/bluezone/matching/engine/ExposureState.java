package vn.bluezone.matching.engine;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * One device's exposure to one case: weighted minutes per observation until it crosses the
 * threshold, then only the level it was alerted at (the minutes are no longer needed).
 */
record ExposureState(Map<String, Contribution> contributions, ContactLevel alertedLevel) {

    record Contribution(LocalDate day, double weightedMinutes) {
    }

    static ExposureState empty() {
        return new ExposureState(Map.of(), null);
    }

    boolean alerted() {
        return alertedLevel != null;
    }

    /** Adds (or replaces, keeping the larger) an observation's minutes. */
    ExposureState with(Exposure exposure) {
        Map<String, Contribution> updated = new HashMap<>(contributions);
        updated.merge(exposure.observationId(), new Contribution(exposure.day(), exposure.weightedMinutes()),
                (old, fresh) -> old.weightedMinutes() >= fresh.weightedMinutes() ? old : fresh);
        return new ExposureState(updated, null);
    }

    double minutesOn(LocalDate day) {
        return contributions.values().stream()
                .filter(contribution -> contribution.day().equals(day))
                .mapToDouble(Contribution::weightedMinutes)
                .sum();
    }

    ExposureState alertedAt(ContactLevel level) {
        return new ExposureState(Map.of(), level);
    }
}
