package vn.bluezone.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a matching instance's CPU goes, by kind of thread: Linux names each thread after the first 15
 * bytes of its Java name ({@code /proc/PID/task/TID/comm}) and counts its CPU in clock ticks
 * ({@code /proc/PID/task/TID/stat}). Tells the work that grows with records (stream threads, Kafka
 * clients, RocksDB) from what each JVM pays once (JIT compilation) or by its own heap (GC).
 */
final class ThreadCpu {

    /** Kinds of threads, in the order they are reported. */
    enum Kind {
        STREAM_THREADS("stream threads"),
        KAFKA_CLIENTS("Kafka client I/O"),
        ROCKSDB("RocksDB flush and compaction"),
        JIT("JIT compiler"),
        GC("GC and safepoints"),
        OTHER("other (incl. threads that ended)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final int COMM_BYTES = 15;

    private final String streamThreadPrefix;

    /** @param applicationId the streams application id, which starts every stream thread's name */
    ThreadCpu(String applicationId) {
        this.streamThreadPrefix = applicationId.substring(0, Math.min(COMM_BYTES, applicationId.length()));
    }

    /** A thread's kind and the CPU ticks it used so far. */
    record ThreadTicks(Kind kind, long ticks) {
    }

    /** The threads by "PID/TID", and the whole processes' ticks (ended threads too). */
    record Snapshot(Map<String, ThreadTicks> threads, long processTicks) {
    }

    Snapshot snapshot(List<ProcessHandle> processes) {
        Map<String, ThreadTicks> threads = new HashMap<>();
        long processTicks = 0;
        for (ProcessHandle process : processes) {
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            processTicks += cpuTicks(read(proc.resolve("stat")));
            try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        threads.put(process.pid() + "/" + task.getFileName(), new ThreadTicks(
                                kindOf(read(task.resolve("comm")).strip()), cpuTicks(read(task.resolve("stat")))));
                    } catch (UncheckedIOException e) {
                        if (!(e.getCause() instanceof NoSuchFileException)) {
                            throw e;
                        }
                        // the thread ended between the listing and the read: its ticks stay in the process's
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Snapshot(threads, processTicks);
    }

    /**
     * The share of each kind in the processes' CPU between two snapshots. The CPU of threads that
     * ended in between is only in the process's total, and is counted as {@link Kind#OTHER}.
     */
    static Map<Kind, Double> shares(Snapshot from, Snapshot to) {
        Map<Kind, Double> ticks = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            ticks.put(kind, 0.0);
        }
        long threadTicks = 0;
        for (var thread : to.threads().entrySet()) {
            ThreadTicks before = from.threads().get(thread.getKey());
            long used = thread.getValue().ticks() - (before == null ? 0 : before.ticks());
            ticks.merge(thread.getValue().kind(), (double) used, Double::sum);
            threadTicks += used;
        }
        long processTicks = to.processTicks() - from.processTicks();
        ticks.merge(Kind.OTHER, (double) Math.max(0, processTicks - threadTicks), Double::sum);
        double total = ticks.values().stream().mapToDouble(Double::doubleValue).sum();
        ticks.replaceAll((kind, used) -> total == 0 ? 0 : used / total);
        return ticks;
    }

    Kind kindOf(String comm) {
        if (comm.startsWith(streamThreadPrefix)) {
            return Kind.STREAM_THREADS;
        }
        if (comm.startsWith("kafka-")) {
            return Kind.KAFKA_CLIENTS;
        }
        if (comm.startsWith("rocksdb")) {
            return Kind.ROCKSDB;
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return Kind.JIT;
        }
        if (comm.equals("VM Thread") || comm.startsWith("GC Thread")) {
            return Kind.GC; // the serial collector runs in the VM thread, at a safepoint
        }
        return Kind.OTHER;
    }

    /** utime + stime: fields 14 and 15 of a stat line, counted after the command in parentheses. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
