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

/** Where the matching engine is in a topic: the broker's end offsets against the engine's committed ones. */
final class MatchingBacklog {

    static final String GROUP = "bluezone-matching";

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
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            boolean done = ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                return end.getValue() == 0 || offset != null && offset.offset() >= end.getValue(); // 0: never written
            });
            if (done) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
