package vn.bluezone.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.SightingSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;

/**
 * Six phones report one RPI at 2,000 intervals each, straight into the sightings topic (as if the
 * upload-service's batch rule were bypassed): matching goes on for everyone and that RPI's state stays small.
 */
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(properties = {
        "spring.kafka.streams.application-id=" + HotRpiIT.APPLICATION_ID,
        "bluezone.matching.partitions=2",
        "logging.structured.format.console="})
class HotRpiIT {

    static final String APPLICATION_ID = "matching-hot-rpi-it";
    /** Far above the normal second or two, far below the minutes the unbounded state took. */
    static final Duration PROBE_BOUND = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        StreamsIts.register(registry, APPLICATION_ID);
    }

    final KafkaTopics kafka = new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers());

    @Test
    void sixPhonesFloodingOneRpiLeaveItsStateSmallAndTheProbePairIsStillMatched() throws Exception {
        int now = EnIntervals.of(Instant.now());
        byte[] hot = ExposureCrypto.newTemporaryExposureKey();
        SightingSerde sightings = new SightingSerde();
        try (KafkaProducer<String, byte[]> producer = StreamsIts.producer()) {
            for (int device = 0; device < 6; device++) {
                UUID attacker = UUID.randomUUID();
                for (int i = 0; i < 2000; i++) {
                    producer.send(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(hot), sightings.serialize(Topics.SIGHTINGS,
                            new SightingRecorded(attacker, hot, now - 1999 + i, 900, 40))));
                }
            }
            producer.flush();

            UUID caseId = UUID.randomUUID();
            UUID f0 = UUID.randomUUID();
            UUID probe = UUID.randomUUID();
            byte[] key = ExposureCrypto.newTemporaryExposureKey();
            int contact = now - 3;
            byte[] rpi = ExposureCrypto.rollingProximityIdentifiers(ExposureCrypto.rollingProximityIdentifierKey(key),
                    contact, 1).get(0);
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(rpi), sightings.serialize(Topics.SIGHTINGS,
                    new SightingRecorded(probe, rpi, contact, 900, 50)))).get();
            Instant published = Instant.now();
            StreamsIts.publish(producer, new DiagnosisKeysPublished(
                            UUID.randomUUID(), caseId, f0, ContactLevel.F0, EnIntervals.startOfDay(EnIntervals.day(contact)),
                            List.of(f0), List.of(new DiagnosisKeysPublished.Key(key, EnIntervals.startOfDay(EnIntervals.day(contact)), 144)),
                            Instant.now()));

            assertThat(kafka.read(Topics.CONTACTS, new JsonSerde<>(ContactFound.class), found -> found.caseId().equals(caseId),
                    1, PROBE_BOUND)).as("the probe pair, matched behind the flood").singleElement()
                    .satisfies(found -> assertThat(found.value().deviceId()).isEqualTo(probe));
            System.out.printf("Hot RPI: 12,000 hot sightings, then the probe pair matched %d ms after its keys%n",
                    Duration.between(published, Instant.now()).toMillis());
        }
        long hotBytes = changelogBytesOf(APPLICATION_ID + "-rpi-state-changelog", Rpis.toKey(hot));
        System.out.printf("Hot RPI: its rpi-state changelog records hold %,d bytes%n", hotBytes);
        // 6 phones × 3 intervals kept: 18 small records written at most 18 times, not 12,000 writes of a growing list.
        assertThat(hotBytes).as("bytes of the hot RPI's records in the state's changelog").isLessThan(100_000);
    }

    /** Key and value bytes of every record of {@code key} in the topic (other ITs share the broker and its topics). */
    private static long changelogBytesOf(String topic, String key) {
        Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers(),
                "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            byte[] wanted = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long bytes = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(record.key(), wanted)) {
                        bytes += record.key().length + (record.value() == null ? 0 : record.value().length);
                    }
                }
            }
            return bytes;
        }
    }
}
