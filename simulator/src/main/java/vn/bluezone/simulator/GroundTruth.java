package vn.bluezone.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.bluezone.protocol.crypto.EnIntervals;

/**
 * Who should be alerted, computed from what the simulation knows and the server cannot: who really
 * broadcast each RPI. An independent oracle: it restates the default matching rules (≤ 63 dB counts
 * 1.0 × minutes, 64–73 dB 0.5 ×, 15 weighted minutes on one local day in Vietnam, F2 through one F1 from its first
 * exposure) instead of sharing code with the matching engine.
 */
final class GroundTruth {

    static final double THRESHOLD_MINUTES = 15;
    /** The matching-service counts minutes per calendar day in this zone (its default day-zone). */
    static final ZoneId DAY_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * Expected contacts of one case: F1s with their first exposure interval, and F2s with the F1s each
     * is an F2 through (the first of those to upload its keys makes it one).
     */
    record CaseTruth(Map<Phone, Integer> f1FirstExposure, Map<Phone, Set<Phone>> f2Sources) {

        Set<Phone> f2() {
            return f2Sources.keySet();
        }
    }

    private GroundTruth() {
    }

    static CaseTruth of(Phone f0, int infectiousFrom, List<Phone> phones) {
        Map<Phone, Integer> f1 = new HashMap<>();
        for (Phone phone : phones) {
            if (phone != f0) {
                Integer first = exposure(phone, f0, infectiousFrom);
                if (first != null) {
                    f1.put(phone, first);
                }
            }
        }
        Map<Phone, Set<Phone>> f2 = new HashMap<>();
        for (Phone phone : phones) {
            if (phone != f0 && !f1.containsKey(phone)) {
                for (Map.Entry<Phone, Integer> source : f1.entrySet()) {
                    if (exposure(phone, source.getKey(), source.getValue()) != null) {
                        f2.computeIfAbsent(phone, any -> new HashSet<>()).add(source.getKey());
                    }
                }
            }
        }
        return new CaseTruth(f1, f2);
    }

    /**
     * The first interval (with weight) of {@code listener}'s exposure to {@code source}'s RPIs from
     * {@code from} on, if some local day reaches the threshold; null otherwise.
     */
    private static Integer exposure(Phone listener, Phone source, int from) {
        Map<LocalDate, Double> minutesPerDay = new HashMap<>();
        Integer first = null;
        for (Phone.Heard heard : listener.heard) {
            int interval = heard.sighting().interval();
            if (heard.broadcaster() != source || interval < from) {
                continue;
            }
            double minutes = weight(heard.sighting().attenuationDb()) * heard.sighting().durationSeconds() / 60.0;
            if (minutes > 0) {
                minutesPerDay.merge(LocalDate.ofInstant(EnIntervals.start(interval), DAY_ZONE), minutes, Double::sum);
                first = first == null ? interval : Math.min(first, interval);
            }
        }
        boolean close = minutesPerDay.values().stream().anyMatch(total -> total >= THRESHOLD_MINUTES);
        return close ? first : null;
    }

    private static double weight(int attenuationDb) {
        return attenuationDb <= 63 ? 1.0 : attenuationDb <= 73 ? 0.5 : 0.0;
    }

}
