package vn.bluezone.matching.engine;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;

/**
 * One device's exposure to one case: weighted minutes per observation, and the alert it got. After an
 * F1 alert only the alert is kept ({@code alert}); after an F2 alert also the F1 evidence, which may
 * still upgrade it.
 */
record ExposureState(Map<String, Contribution> contributions, ContactLevel alertedLevel, LocalDate lastExposureDay,
        ContactFound alert) {

    record Contribution(ContactLevel level, UUID viaDeviceId, int interval, LocalDate day, double weightedMinutes) {
    }

    static ExposureState empty() {
        return new ExposureState(Map.of(), null, LocalDate.EPOCH, null);
    }

    /**
     * Whether this exposure could still change the device's alert: anything before an alert; F1 evidence
     * after an F2 alert; after an F1 alert, only F1 exposure earlier than the first one known (exposures
     * reach this state from many partitions in no fixed order).
     */
    boolean canBeChangedBy(Exposure exposure) {
        if (alertedLevel == null) {
            return true;
        }
        if (exposure.level() != ContactLevel.F1) {
            return false;
        }
        return alertedLevel == ContactLevel.F2
                || (exposure.weightedMinutes() > 0 && exposure.interval() < alert.firstExposureInterval());
    }

    /** Adds (or replaces, keeping the larger) an observation's minutes. */
    ExposureState with(Exposure exposure) {
        Map<String, Contribution> updated = new HashMap<>(contributions);
        updated.merge(exposure.observationId(), new Contribution(exposure.level(), exposure.viaDeviceId(),
                        exposure.interval(), exposure.day(), exposure.weightedMinutes()),
                (old, fresh) -> old.weightedMinutes() >= fresh.weightedMinutes() ? old : fresh);
        LocalDate last = exposure.day().isAfter(lastExposureDay) ? exposure.day() : lastExposureDay;
        return new ExposureState(updated, alertedLevel, last, alert);
    }

    /**
     * Minutes on a day at a level; for F2 only those through one F1 (a contact of that F1). One RPI
     * counts at most {@code maxPerRpi} minutes however many intervals it was reported at: an RPI is
     * broadcast for 10 to 20 minutes, so re-uploading it at other intervals cannot inflate the total.
     */
    double minutesOn(LocalDate day, ContactLevel level, UUID viaDeviceId, double maxPerRpi) {
        Map<String, Double> perRpi = new HashMap<>();
        contributions.forEach((observationId, c) -> {
            if (c.level() == level && c.day().equals(day) && Objects.equals(c.viaDeviceId(), viaDeviceId)) {
                perRpi.merge(rpiOf(observationId), c.weightedMinutes(), Double::sum);
            }
        });
        return perRpi.values().stream().mapToDouble(minutes -> Math.min(minutes, maxPerRpi)).sum();
    }

    /** Observation ids are "RPI:interval". */
    private static String rpiOf(String observationId) {
        int separator = observationId.indexOf(':');
        return separator < 0 ? observationId : observationId.substring(0, separator);
    }

    /** Earliest interval of any exposure that counted (weight above zero) at this level. */
    OptionalInt firstInterval(ContactLevel level) {
        return contributions.values().stream()
                .filter(c -> c.level() == level && c.weightedMinutes() > 0)
                .mapToInt(Contribution::interval)
                .min();
    }

    ExposureState alertedWith(ContactFound sent) {
        Map<String, Contribution> kept = new HashMap<>();
        if (sent.level() == ContactLevel.F2) {
            contributions.forEach((id, c) -> {
                if (c.level() == ContactLevel.F1) {
                    kept.put(id, c);
                }
            });
        }
        return new ExposureState(kept, sent.level(), lastExposureDay, sent);
    }
}
