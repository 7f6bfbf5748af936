package vn.bluezone.matching.engine;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * One device's exposure to one case: weighted minutes per observation, and the level it was alerted
 * at. After an F1 alert nothing more is kept; after an F2 alert only the F1 evidence is kept, which
 * may still upgrade it.
 */
record ExposureState(Map<String, Contribution> contributions, ContactLevel alertedLevel, LocalDate lastExposureDay) {

    record Contribution(ContactLevel level, UUID viaDeviceId, int interval, LocalDate day, double weightedMinutes) {
    }

    static ExposureState empty() {
        return new ExposureState(Map.of(), null, LocalDate.MIN);
    }

    /** Whether this exposure could still change the device's alert. */
    boolean canBeChangedBy(Exposure exposure) {
        return alertedLevel == null || (alertedLevel == ContactLevel.F2 && exposure.level() == ContactLevel.F1);
    }

    /** Adds (or replaces, keeping the larger) an observation's minutes. */
    ExposureState with(Exposure exposure) {
        Map<String, Contribution> updated = new HashMap<>(contributions);
        updated.merge(exposure.observationId(), new Contribution(exposure.level(), exposure.viaDeviceId(),
                        exposure.interval(), exposure.day(), exposure.weightedMinutes()),
                (old, fresh) -> old.weightedMinutes() >= fresh.weightedMinutes() ? old : fresh);
        LocalDate last = exposure.day().isAfter(lastExposureDay) ? exposure.day() : lastExposureDay;
        return new ExposureState(updated, alertedLevel, last);
    }

    /** Minutes on a day at a level; for F2 only those through one F1 (a contact of that F1). */
    double minutesOn(LocalDate day, ContactLevel level, UUID viaDeviceId) {
        return contributions.values().stream()
                .filter(c -> c.level() == level && c.day().equals(day) && Objects.equals(c.viaDeviceId(), viaDeviceId))
                .mapToDouble(Contribution::weightedMinutes)
                .sum();
    }

    /** Earliest interval of any exposure at this level. */
    OptionalInt firstInterval(ContactLevel level) {
        return contributions.values().stream().filter(c -> c.level() == level).mapToInt(Contribution::interval).min();
    }

    ExposureState alertedAt(ContactLevel level) {
        Map<String, Contribution> kept = new HashMap<>();
        if (level == ContactLevel.F2) {
            contributions.forEach((id, c) -> {
                if (c.level() == ContactLevel.F1) {
                    kept.put(id, c);
                }
            });
        }
        return new ExposureState(kept, level, lastExposureDay);
    }
}
