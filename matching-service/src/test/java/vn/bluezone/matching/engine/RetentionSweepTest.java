package vn.bluezone.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class RetentionSweepTest {

    static final int ENTRIES = 1_000_000;
    static final int SLICE = 5_000;
    static final long PASS_INTERVAL_MS = 3_600_000;

    @Test
    void aMillionEntriesAreSweptInBoundedSlicesUntilNoExpiredEntryIsLeft() {
        KeyValueStore<String, Integer> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("sweep-test"),
                Serdes.String(), Serdes.Integer()).withLoggingDisabled().build();
        MockProcessorContext<String, Integer> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        for (int i = 0; i < ENTRIES; i++) {
            store.put(String.format("key-%07d", i), i); // even values expire, odd ones stay (some rewritten)
        }
        RetentionSweep<Integer> sweep = new RetentionSweep<>(store, SLICE, PASS_INTERVAL_MS,
                (value, now) -> value % 2 == 0 ? null : value % 3 == 0 ? value + 2 : value);

        List<Integer> slices = new ArrayList<>();
        long now = 0;
        int visited;
        do {
            visited = sweep.sweep(now);
            slices.add(visited);
            now += 1_000;
        } while (visited > 0 && slices.size() < 1_000);

        assertThat(slices).as("every punctuation within its budget").allMatch(size -> size <= SLICE);
        assertThat(slices.stream().mapToInt(Integer::intValue).sum()).as("one pass visits every entry once").isEqualTo(ENTRIES);
        assertThat(store.approximateNumEntries()).isEqualTo(ENTRIES / 2);
        try (KeyValueIterator<String, Integer> left = store.all()) {
            left.forEachRemaining(entry -> {
                int original = Integer.parseInt(entry.key.substring(4));
                assertThat(entry.value).as(entry.key).isEqualTo(original % 3 == 0 ? original + 2 : original);
            });
        }
        assertThat(sweep.sweep(now)).as("the next pass waits for its interval").isZero();
        assertThat(sweep.sweep(now + PASS_INTERVAL_MS)).isEqualTo(SLICE);
    }
}
