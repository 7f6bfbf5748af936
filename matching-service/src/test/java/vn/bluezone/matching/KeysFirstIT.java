package vn.bluezone.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
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
 * A contact heard before a backlog of sightings is found from the keys while the engine is still working
 * through that backlog: published RPIs overtake the queued sightings instead of waiting behind them, both
 * in the stream task (timestamp 0) and in the consumer (small fetches).
 */
@DirtiesContext
@SpringBootTest(properties = {
        "spring.kafka.streams.application-id=" + KeysFirstIT.APPLICATION_ID,
        "bluezone.matching.partitions=2",
        "logging.structured.format.console="})
class KeysFirstIT {

    static final String APPLICATION_ID = "matching-keys-first-it";
    static final int BACKLOG = 300_000;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        StreamsIts.register(registry, APPLICATION_ID);
    }

    final KafkaTopics kafka = new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers());
    final SightingSerde sightings = new SightingSerde();

    @Test
    void keysUploadedBehindABacklogOfSightingsFindTheContactBeforeTheBacklogIsWorkedOff() throws Exception {
        int now = EnIntervals.of(Instant.now());
        UUID caseId = UUID.randomUUID();
        UUID f0 = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        byte[] key = ExposureCrypto.newTemporaryExposureKey();
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(key);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()));
                KafkaProducer<String, byte[]> producer = StreamsIts.producer()) {
            RecordMetadata heard = null;
            for (int i = now - 6; i < now - 3; i++) { // 30 minutes near the F0, an hour ago
                byte[] rpi = ExposureCrypto.rollingProximityIdentifier(rpik, i);
                heard = send(producer, new SightingRecorded(contact, rpi, i, 600, 50));
            }
            awaitCommitted(admin, new TopicPartition(heard.topic(), heard.partition()), heard.offset() + 1);

            Random random = new Random(5);
            for (int i = 0; i < BACKLOG; i++) {
                byte[] rpi = new byte[16];
                random.nextBytes(rpi);
                producer.send(record(new SightingRecorded(UUID.randomUUID(), rpi, now - random.nextInt(144), 300, 60)));
            }
            producer.flush();
            Map<TopicPartition, Long> ends = ends(admin);
            StreamsIts.publish(producer, new DiagnosisKeysPublished(
                            UUID.randomUUID(), caseId, f0, ContactLevel.F0, EnIntervals.startOfDay(EnIntervals.today()) - 144,
                            List.of(f0), List.of(new DiagnosisKeysPublished.Key(key, EnIntervals.startOfDay(EnIntervals.day(now - 6)), 144)),
                            Instant.now()));

            // The alert may be followed by a correction of its first exposure interval (the earliest sighting
            // can reach the aggregator last): both name the same contact.
            assertThat(kafka.read(Topics.CONTACTS, new JsonSerde<>(ContactFound.class), found -> found.caseId().equals(caseId),
                    1, Duration.ofSeconds(120))).isNotEmpty()
                    .allSatisfy(found -> assertThat(found.value().deviceId()).isEqualTo(contact));
            long left = lag(admin, ends);
            System.out.printf("Keys first: contact found with %,d of %,d backlog sightings still to process%n", left, BACKLOG);
            // Without the timestamp-0 extractor nothing is left; with 1 MiB fetches per partition (Kafka's
            // default) 219,000-227,000, as the keys wait behind the sightings already fetched; with the
            // service's small fetches 256,000-278,000.
            assertThat(left).as("backlog sightings not yet processed when the contact was found")
                    .isGreaterThan(BACKLOG * 4 / 5);
        }
    }

    private RecordMetadata send(KafkaProducer<String, byte[]> producer, SightingRecorded sighting) throws Exception {
        return producer.send(record(sighting)).get();
    }

    private ProducerRecord<String, byte[]> record(SightingRecorded sighting) {
        return new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(sighting.rpi()), sightings.serialize(Topics.SIGHTINGS, sighting));
    }

    private static void awaitCommitted(Admin admin, TopicPartition partition, long offset) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(120);
        while (committed(admin).getOrDefault(partition, 0L) < offset) {
            assertThat(Instant.now()).as("the contact's sightings processed").isBefore(giveUp);
            Thread.sleep(100);
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topics.SIGHTINGS) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(Topics.SIGHTINGS, 0), OffsetSpec.latest(),
                new TopicPartition(Topics.SIGHTINGS, 1), OffsetSpec.latest());
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long lag(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, Long> committed = committed(admin);
        return ends.entrySet().stream().mapToLong(end -> Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L)))
                .sum();
    }
}
