package vn.bluezone.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * {@code simulate --consumer-rate --kafka HOST:PORT --group G [--topic T] [--seconds S] [--members K]
 * [--warm-up-seconds W] [--pids P1,P2]}: how fast a consumer group (a matching-service application id)
 * works through a topic, from its committed offsets, measured over S seconds from W seconds after the
 * group is stable with K members and makes progress. With {@code --delete}, deletes the group and its
 * internal topics instead (after its instances stopped). Prints how many partitions of the topic each
 * member holds and, for the given processes (the instances), the CPU seconds they used in the window per
 * million records, in all and by kind of thread ({@link ThreadCpu}). Used to compare 1 and 2 matching
 * instances on the same backlog (deploy/bench/scale-out.sh).
 */
final class ConsumerRate {

    private final Options options;

    ConsumerRate(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        String group = options.text("group", "bluezone-matching");
        String topic = options.text("topic", vn.bluezone.protocol.events.Topics.SIGHTINGS);
        int members = options.integer("members", 1);
        Duration window = Duration.ofSeconds(options.integer("seconds", 30));
        Duration warmUp = Duration.ofSeconds(options.integer("warm-up-seconds", 0));
        List<ProcessHandle> instances = Arrays.stream(options.text("pids", "").split(","))
                .filter(pid -> !pid.isBlank())
                .map(pid -> ProcessHandle.of(Long.parseLong(pid.strip()))
                        .orElseThrow(() -> new IllegalArgumentException("No process " + pid)))
                .toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", options.text("kafka", "localhost:9092")))) {
            if (options.flag("delete")) {
                delete(admin, group);
                return;
            }
            // Restoring, rebalancing, a member still joining, or not yet started.
            long start = committed(admin, group, topic);
            while (!stable(admin, group, members) || committed(admin, group, topic) == start) {
                Thread.sleep(200);
            }
            Thread.sleep(warmUp.toMillis()); // JIT compilation and the first RocksDB flushes are not steady state
            long from = committed(admin, group, topic);
            double cpuFrom = cpuSeconds(instances);
            ThreadCpu threads = new ThreadCpu(group);
            ThreadCpu.Snapshot threadsFrom = threads.snapshot(instances);
            Instant began = Instant.now();
            Thread.sleep(window.toMillis());
            long to = committed(admin, group, topic);
            double cpu = cpuSeconds(instances) - cpuFrom;
            ThreadCpu.Snapshot threadsTo = threads.snapshot(instances);
            double seconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
            System.out.printf("group %s on %s: %d records in %.1f s = %.0f records/s%n", group, topic, to - from, seconds,
                    (to - from) / seconds);
            System.out.println("partitions of " + topic + " per member: " + partitionsPerMember(admin, group, topic));
            if (!instances.isEmpty()) {
                System.out.printf("instances' CPU: %.1f s in the window = %.1f CPU-s per million records%n", cpu,
                        cpu / (to - from) * 1_000_000);
                ThreadCpu.shares(threadsFrom, threadsTo).forEach((kind, share) -> System.out.printf(
                        "instances' CPU by thread: %-34s %5.1f CPU-s per million records%n", kind.label,
                        share * cpu / (to - from) * 1_000_000));
            }
            if (to >= endOffsets(admin, topic)) {
                System.out.println("warning: the backlog ran out during the window; put more records on the topic");
            }
            if (!stable(admin, group, members)) {
                System.out.println("warning: the group rebalanced during the window");
            }
        }
    }

    /**
     * Deletes a stopped streams application's group and internal topics (changelogs and repartition
     * topics, named after it), so that the broker does not keep compacting them during the next run.
     */
    private static void delete(Admin admin, String group) throws Exception {
        List<String> internal = admin.listTopics().names().get().stream().filter(name -> name.startsWith(group + "-")).toList();
        admin.deleteTopics(internal).all().get();
        for (int attempt = 1; ; attempt++) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupNotEmptyException) || attempt == 60) {
                    throw e;
                }
                Thread.sleep(1000); // the stopped instances' members have not left yet
            }
        }
        System.out.println("deleted group " + group + " and its " + internal.size() + " topics");
    }

    private static boolean stable(Admin admin, String group, int members) throws Exception {
        try {
            ConsumerGroupDescription description = describe(admin, group);
            return description.groupState() == GroupState.STABLE && description.members().size() == members;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false; // no instance has joined yet
            }
            throw e;
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
    }

    /** One count per member, in the member order the broker gives; even assignment shows as equal counts. */
    private static String partitionsPerMember(Admin admin, String group, String topic) throws Exception {
        return describe(admin, group).members().stream()
                .map(MemberDescription::assignment)
                .map(assignment -> String.valueOf(assignment.topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(topic)).count()))
                .collect(Collectors.joining(" / "));
    }

    /** Total CPU (user + system) of the processes so far; a JDK reading of /proc/PID/stat on Linux. */
    private static double cpuSeconds(List<ProcessHandle> processes) {
        return processes.stream()
                .mapToDouble(process -> process.info().totalCpuDuration().orElseThrow().toMillis() / 1000.0)
                .sum();
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }
}
