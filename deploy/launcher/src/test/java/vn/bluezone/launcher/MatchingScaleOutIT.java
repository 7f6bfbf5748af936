package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;
import vn.bluezone.protocol.crypto.Rpis;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.FreePorts;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;

/**
 * Two matching-service instances share one Kafka Streams application; one is killed (SIGKILL) in the
 * middle of a stream of sightings and keys. Every expected contact must still be found exactly once.
 */
class MatchingScaleOutIT {

    static final int CASES = 30;
    static final int CONTACTS_PER_CASE = 8;
    static final int BYSTANDERS_PER_CASE = 4;
    static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    final List<ServiceProcess> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() throws InterruptedException {
        for (ServiceProcess instance : instances) {
            instance.close();
        }
    }

    @Test
    void killingAnInstanceMidStreamLosesAndDoublesNoContact() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String applicationId = "scale-out-" + UUID.randomUUID();
        Path work = Files.createTempDirectory("bluezone-scale-out-");
        for (int i = 0; i < 2; i++) {
            instances.add(startInstance(i, applicationId, infra.kafkaBootstrapServers(), work));
        }
        awaitReady(instances);

        List<ProducerRecord<String, Object>> stream = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        Set<UUID> caseIds = new HashSet<>();
        buildStream(new Random(42), stream, expected, caseIds);

        try (KafkaProducer<String, Object> producer = producer(infra.kafkaBootstrapServers())) {
            int half = stream.size() / 2;
            for (int i = 0; i < stream.size(); i++) {
                if (i == half) {
                    producer.flush();
                    Thread.sleep(1500); // let the instances be mid-transaction on the first half
                    instances.get(0).kill();
                }
                producer.send(stream.get(i));
            }
            producer.flush();
        }

        KafkaTopics kafka = new KafkaTopics(infra.kafkaBootstrapServers());
        JsonSerde<ContactFound> contacts = new JsonSerde<>(ContactFound.class);
        List<ConsumerRecord<String, ContactFound>> found = kafka.read(Topics.CONTACTS, contacts,
                c -> caseIds.contains(c.caseId()), expected.size(), Duration.ofMinutes(3));
        // Anything doubled would arrive after the last expected one: read again once the stream is quiet.
        Thread.sleep(5000);
        found = kafka.read(Topics.CONTACTS, contacts, c -> caseIds.contains(c.caseId()), Integer.MAX_VALUE,
                Duration.ofSeconds(10));

        // One alert per contact: later events for a pair may only move its first exposure earlier
        // (a late-arriving earlier sighting); a replayed duplicate would repeat a start.
        Map<String, List<ContactFound>> byPair = found.stream().map(ConsumerRecord::value)
                .collect(Collectors.groupingBy(c -> c.deviceId() + "|" + c.caseId()));
        assertThat(byPair.keySet()).as("exactly the expected contacts").isEqualTo(expected);
        byPair.forEach((pair, events) -> {
            assertThat(events).extracting(ContactFound::contactId).as(pair).containsOnly(events.get(0).contactId());
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).firstExposureInterval()).as("no duplicate for " + pair)
                        .isLessThan(events.get(i - 1).firstExposureInterval());
            }
        });
        assertThat(instances.get(1).isAlive()).isTrue();
    }

    /**
     * Per case: an F0 with a daily key; contacts who saw 30 near minutes of its RPIs; bystanders who saw
     * 10. Sightings of half the cases come before their keys, of the other half after; all interleaved.
     */
    private static void buildStream(Random random, List<ProducerRecord<String, Object>> stream, Set<String> expected,
            Set<UUID> caseIds) {
        int dayStart = EnIntervals.startOfDay(DAY);
        List<ProducerRecord<String, Object>> early = new ArrayList<>();
        List<ProducerRecord<String, Object>> keys = new ArrayList<>();
        List<ProducerRecord<String, Object>> late = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            UUID caseId = UUID.randomUUID();
            UUID f0 = UUID.randomUUID();
            caseIds.add(caseId);
            byte[] tek = ExposureCrypto.newTemporaryExposureKey();
            byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(tek);
            List<ProducerRecord<String, Object>> sightings = c % 2 == 0 ? early : late;
            for (int d = 0; d < CONTACTS_PER_CASE + BYSTANDERS_PER_CASE; d++) {
                UUID device = UUID.randomUUID();
                boolean contact = d < CONTACTS_PER_CASE;
                int start = dayStart + random.nextInt(100);
                for (int i = 0; i < (contact ? 3 : 1); i++) {
                    byte[] rpi = ExposureCrypto.rollingProximityIdentifier(rpik, start + i);
                    sightings.add(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(rpi),
                            new SightingRecorded(device, rpi, start + i, 600, 40 + random.nextInt(20))));
                }
                if (contact) {
                    expected.add(device + "|" + caseId);
                }
            }
            PublishedRpi.of(new DiagnosisKeysPublished(UUID.randomUUID(), caseId, f0, ContactLevel.F0, dayStart - 144,
                    List.of(f0), List.of(new DiagnosisKeysPublished.Key(tek, dayStart, 144)), Instant.now()))
                    .forEach(rpi -> keys.add(new ProducerRecord<>(Topics.PUBLISHED_RPIS, rpi.rpi(), rpi.publication())));
        }
        Collections.shuffle(early, random);
        Collections.shuffle(keys, random);
        Collections.shuffle(late, random);
        stream.addAll(early);
        stream.addAll(keys);
        stream.addAll(late);
    }

    private static ServiceProcess startInstance(int index, String applicationId, String kafka, Path work) throws Exception {
        int port = FreePorts.pick();
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("MATCHING_SERVICE_PORT", String.valueOf(port));
        env.put("BLUEZONE_MATCHING_APPLICATION_ID", applicationId);
        env.put("BLUEZONE_MATCHING_STATE_DIR", work.resolve("state-" + index).toString());
        env.put("BLUEZONE_TOPIC_PARTITIONS", "4");
        env.put("BLUEZONE_MATCHING_COMMIT_INTERVAL_MS", "100");
        // Notice the killed instance quickly instead of after the default 45 s.
        env.put("SPRING_APPLICATION_JSON", "{\"spring.kafka.streams.properties.session.timeout.ms\":\"6000\","
                + "\"spring.kafka.streams.properties.heartbeat.interval.ms\":\"1000\"}");
        return ServiceProcess.start("matching-" + index, Path.of(System.getProperty("bluezone.services.dir"),
                "matching-service.jar"), port, env, work.resolve("logs"), "-Xmx256m -XX:+UseSerialGC");
    }

    private static void awaitReady(List<ServiceProcess> processes) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!processes.stream().allMatch(ServiceProcess::isReady)) {
            assertThat(Instant.now()).as("matching instances ready").isBefore(deadline);
            assertThat(processes).allMatch(ServiceProcess::isAlive);
            Thread.sleep(500);
        }
    }

    private static KafkaProducer<String, Object> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        // As the upload-service writes them: published RPIs in their binary layout, sightings in either format.
        PublishedRpiSerde publications = new PublishedRpiSerde();
        JsonSerde<Object> json = new JsonSerde<>(Object.class);
        Serializer<Object> values = (topic, value) -> value instanceof PublishedRpi publication
                ? publications.serialize(topic, publication) : json.serialize(topic, value);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }
}
