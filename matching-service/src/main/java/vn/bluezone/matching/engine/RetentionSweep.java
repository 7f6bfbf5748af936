package vn.bluezone.matching.engine;

import java.util.function.BiFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deletes what is past the retention from a state store a bounded slice at a time. Each call visits
 * at most {@code sliceSize} entries and remembers where it stopped; a pass over the whole store starts
 * every {@code passIntervalMs}. So a punctuation's work, and the transaction it runs in, stay small
 * however large the store (10^8 keys per task at national scale), and nothing outlives the
 * transaction timeout. The position is in memory: a task that moves starts a new pass.
 */
final class RetentionSweep<V> {

    private final KeyValueStore<String, V> store;
    private final int sliceSize;
    private final long passIntervalMs;
    private final BiFunction<V, Long, V> live;
    private String lastVisited;
    private boolean inPass;
    private long nextPassAtMs = Long.MIN_VALUE;

    /**
     * @param live an entry as it is still live at a time: null to delete it, the same value to keep it,
     *             another value to store instead
     */
    RetentionSweep(KeyValueStore<String, V> store, int sliceSize, long passIntervalMs, BiFunction<V, Long, V> live) {
        this.store = store;
        this.sliceSize = sliceSize;
        this.passIntervalMs = passIntervalMs;
        this.live = live;
    }

    /** Sweeps the next slice if a pass is due or under way; returns the number of entries visited. */
    int sweep(long nowMs) {
        if (!inPass) {
            if (nowMs < nextPassAtMs) {
                return 0;
            }
            inPass = true;
            lastVisited = null;
        }
        int visited = 0;
        try (KeyValueIterator<String, V> entries = lastVisited == null ? store.all() : store.range(lastVisited, null)) {
            while (visited < sliceSize && entries.hasNext()) {
                KeyValue<String, V> entry = entries.next();
                if (entry.key.equals(lastVisited)) {
                    continue; // the range starts at the last entry of the previous slice
                }
                visited++;
                lastVisited = entry.key;
                V kept = live.apply(entry.value, nowMs);
                if (kept == null) {
                    store.delete(entry.key);
                } else if (!kept.equals(entry.value)) {
                    store.put(entry.key, kept);
                }
            }
            if (!entries.hasNext()) {
                inPass = false;
                nextPassAtMs = nowMs + passIntervalMs;
            }
        }
        return visited;
    }
}
