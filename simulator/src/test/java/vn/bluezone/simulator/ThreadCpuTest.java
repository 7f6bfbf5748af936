package vn.bluezone.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bluezone.simulator.ThreadCpu.Kind;
import vn.bluezone.simulator.ThreadCpu.Snapshot;
import vn.bluezone.simulator.ThreadCpu.ThreadTicks;

class ThreadCpuTest {

    private final ThreadCpu threads = new ThreadCpu("scale-out-2-31337");

    @Test
    void cpuTicksAreUserPlusSystemTimeEvenWhenTheNameHasSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler (x)) S 1 4240 4240 0 -1 4194368 12 0 0 0 150 25 0 0 20 0 1 0 9 0 0";

        assertThat(ThreadCpu.cpuTicks(stat)).isEqualTo(175);
    }

    @Test
    void threadsAreKnownByTheFirst15BytesOfTheirJavaName() {
        assertThat(threads.kindOf("scale-out-2-313")).isEqualTo(Kind.STREAM_THREADS);
        assertThat(threads.kindOf("kafka-producer-")).isEqualTo(Kind.KAFKA_CLIENTS);
        assertThat(threads.kindOf("rocksdb:low")).isEqualTo(Kind.ROCKSDB);
        assertThat(threads.kindOf("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(threads.kindOf("VM Thread")).isEqualTo(Kind.GC);
        assertThat(threads.kindOf("scale-out-1-999")).isEqualTo(Kind.OTHER); // another application's
    }

    @Test
    void theCpuOfThreadsThatEndedOrStartedInTheWindowIsCounted() {
        Snapshot from = new Snapshot(Map.of("1/10", new ThreadTicks(Kind.STREAM_THREADS, 100), "1/11", new ThreadTicks(Kind.JIT, 50),
                "1/12", new ThreadTicks(Kind.GC, 10)), 200);
        // 1/12 ended after 10 more ticks; 1/13 (RocksDB) started and used 20.
        Snapshot to = new Snapshot(Map.of("1/10", new ThreadTicks(Kind.STREAM_THREADS, 160), "1/11", new ThreadTicks(Kind.JIT, 60),
                "1/13", new ThreadTicks(Kind.ROCKSDB, 20)), 300);

        Map<Kind, Double> shares = ThreadCpu.shares(from, to);

        assertThat(shares.get(Kind.STREAM_THREADS)).isCloseTo(0.6, within(1e-9));
        assertThat(shares.get(Kind.JIT)).isCloseTo(0.1, within(1e-9));
        assertThat(shares.get(Kind.ROCKSDB)).isCloseTo(0.2, within(1e-9));
        assertThat(shares.get(Kind.OTHER)).isCloseTo(0.1, within(1e-9));
        assertThat(shares.get(Kind.GC)).isZero();
    }

    @Test
    void aLiveJvmsThreadsAddUpToItsCpu() {
        Snapshot now = threads.snapshot(List.of(ProcessHandle.current()));

        assertThat(now.threads().values()).extracting(ThreadTicks::kind).contains(Kind.JIT);
        assertThat(now.threads().values().stream().mapToLong(ThreadTicks::ticks).sum()).isLessThanOrEqualTo(now.processTicks());
    }
}
