package vn.bluezone.protocol.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start-up that topics which already exist have the partition counts this service was
 * configured with. Sightings and published RPIs are both keyed by RPI and joined partition by
 * partition: if their counts disagree, a sighting and the publication of its RPI land on different
 * partitions and never meet, silently. So a mismatch stops the service with a clear
 * message, before anything (Spring's KafkaAdmin among them) can add partitions to a topic.
 */
public final class TopicAgreement {

    private static final Logger log = LoggerFactory.getLogger(TopicAgreement.class);

    private TopicAgreement() {
    }

    /**
     * @param expected topic name → configured partition count
     * @throws IllegalStateException when an existing topic has another count
     */
    public static void verifyPartitions(Map<String, Object> adminConfig, Map<String, Integer> expected, Duration timeout) {
        List<String> disagreeing = new ArrayList<>();
        try (Admin admin = Admin.create(adminConfig)) {
            new TreeMap<>(expected).forEach((topic, configured) -> partitionsOf(admin, topic, timeout)
                    .filter(actual -> actual.intValue() != configured)
                    .ifPresent(actual -> disagreeing.add(topic + " has " + actual + " partitions, but this service is "
                            + "configured for " + configured)));
        }
        if (!disagreeing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", disagreeing) + " (BLUEZONE_TOPIC_PARTITIONS). Sightings and "
                    + "published RPIs would land on different partitions and never match. Set the same count for every "
                    + "service, or migrate the topic (docs/operations.md, \"Partition counts disagree\").");
        }
    }

    private static Optional<Integer> partitionsOf(Admin admin, String topic, Duration timeout) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(description.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty(); // created later with the configured count
            }
            log.warn("Cannot check the partitions of {} now ({}); going on", topic, e.getCause().toString());
            return Optional.empty();
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer in {}: cannot check the partitions of {}; going on", timeout, topic);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
