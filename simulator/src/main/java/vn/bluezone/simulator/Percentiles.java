package vn.bluezone.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured durations, in milliseconds. */
final class Percentiles {

    private Percentiles() {
    }

    static long of(List<Long> sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static String describe(List<Long> millis) {
        if (millis.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format("n=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms", sorted.size(), of(sorted, 50),
                of(sorted, 95), of(sorted, 99), sorted.get(sorted.size() - 1));
    }
}
