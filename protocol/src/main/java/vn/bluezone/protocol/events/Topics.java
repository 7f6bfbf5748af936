package vn.bluezone.protocol.events;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka topics shared between services. The version suffix changes when a payload changes
 * incompatibly; see docs/architecture.md for keys and partitioning.
 */
public final class Topics {

    /** {@link SightingRecorded}, keyed by the sighted RPI (hex) so sightings and published RPIs co-partition. */
    public static final String SIGHTINGS = "bluezone.sightings.v1";

    /** {@link DiagnosisKeysPublished}, keyed by case id. */
    public static final String DIAGNOSIS_KEYS = "bluezone.diagnosis-keys.v1";

    /**
     * {@link PublishedRpi}, keyed by the RPI (hex) and partitioned like {@link #SIGHTINGS}: the keys of
     * each upload on {@link #DIAGNOSIS_KEYS}, expanded by the upload-service before it answers.
     */
    public static final String PUBLISHED_RPIS = "bluezone.published-rpis.v1";

    /** {@link ContactFound}, keyed by the contact's device id. */
    public static final String CONTACTS = "bluezone.contacts.v1";

    /** {@link DeviceActive}, keyed by device id; sent by the gateway at a device's first poll of a day. */
    public static final String DEVICE_ACTIVITY = "bluezone.device-activity.v1";

    /**
     * {@link CaseEvent}s, keyed by case id: {@link CaseOpened} sent by the upload-service before it stores
     * the case, {@link CodeRedeemed} before the code is spent.
     */
    public static final String CASES = "bluezone.cases.v1";

    /** Suffix of a topic's dead-letter topic: events of it that can never be processed. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** Where a consumer of {@code topic} puts an event it can never process, for inspection and replay. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * How every service that creates one of these topics (if missing) creates it. An acknowledged write
     * is on at least two replicas once there are three or more ({@code min.insync.replicas}), so losing
     * one broker loses nothing and blocks nothing. Services reconcile these settings on existing topics
     * at start-up ({@code spring.kafka.admin.modify-topic-configs}).
     */
    public static NewTopic definition(String name, int partitions, short replicas, int retentionDays) {
        return new NewTopic(name, partitions, replicas).configs(Map.of(
                "retention.ms", String.valueOf(retentionDays * 86_400_000L),
                "min.insync.replicas", String.valueOf(Math.max(1, Math.min(2, replicas - 1)))));
    }
}
