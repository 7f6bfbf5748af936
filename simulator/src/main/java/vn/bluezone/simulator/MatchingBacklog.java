package vn.bluezone.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import vn.bluezone.protocol.events.Topics;

/** Where the matching engine is in a topic: the broker's end offsets against the engine's committed ones. */
final class MatchingBacklog {

    static final String GROUP = "bluezone-matching";
    /** The notify-service's consumer group (contacts, cases, key uploads). */
    static final String NOTIFY_GROUP = "notify-service";

    private MatchingBacklog() {
    }

    /** --kafka, or the broker of the local system (./bluezone up writes it to its data directory); null if neither. */
    static String bootstrapServers(Options options) {
        if (options.text("kafka", null) != null) {
            return options.text("kafka", null);
        }
        Path written = Path.of(options.text("home", System.getenv().getOrDefault("BLUEZONE_HOME", ".bluezone")),
                "kafka-bootstrap");
        try {
            return Files.exists(written) ? Files.readString(written).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Waits until the matching-service committed offsets at (or past) the given ends, or the deadline passed. */
    static boolean awaitConsumed(Admin admin, Map<TopicPartition, Long> ends, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            if (committedUpTo(admin, GROUP, ends)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Whether the engine and the notify-service have taken in everything written so far: sightings,
     * published RPIs, the engine's own repartition topic and the contacts found.
     */
    static boolean idle(Admin admin) throws Exception {
        // The notify-service commits the offset after its last record, and the engine's transactions end
        // with a commit marker after it: one offset short of the end is all consumed there.
        return consumedAll(admin, GROUP, 0, Topics.SIGHTINGS, Topics.PUBLISHED_RPIS,
                GROUP + "-exposures-by-device-repartition") && consumedAll(admin, NOTIFY_GROUP, 1, Topics.CONTACTS);
    }

    private static boolean consumedAll(Admin admin, String group, long marker, String... topics) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : topics) {
            endOffsets(admin, topic).forEach((partition, end) -> ends.put(partition, Math.max(0, end - marker)));
        }
        return committedUpTo(admin, group, ends);
    }

    /** Records of the topic the engine has not yet committed as processed, over all its partitions. */
    static long behind(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, GROUP);
        return endOffsets(admin, topic).entrySet().stream().mapToLong(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
        }).sum();
    }

    private static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return end.getValue() == 0 || offset != null && offset.offset() >= end.getValue(); // 0: never written
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    }
}
