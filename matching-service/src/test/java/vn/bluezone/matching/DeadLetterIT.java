package vn.bluezone.matching;

import vn.bluezone.testsupport.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.KafkaTopics;
import vn.bluezone.testsupport.TestInfrastructure;

/** The matching-service on a real broker: records it cannot process are dead-lettered and matching goes on. */
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.streams.application-id=matching-dead-letter-it",
        "bluezone.matching.partitions=2",
        "logging.structured.format.console="})
class DeadLetterIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure.get()::kafkaBootstrapServers);
        registry.add("spring.kafka.streams.state-dir", () -> tempDir());
    }

    private static String tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("matching-dlt-it").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    final KafkaTopics kafka = new KafkaTopics(TestInfrastructure.get().kafkaBootstrapServers());

    @Test
    void unreadableAndInvalidRecordsGoToDeadLetterTopicsAndLaterContactsAreStillFound() throws Exception {
        UUID caseId = UUID.randomUUID();
        UUID f0 = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        byte[] key = ExposureCrypto.newTemporaryExposureKey();
        int interval = EnIntervals.of(Instant.now()) - 6;
        int dayStart = EnIntervals.startOfDay(EnIntervals.day(interval)); // yesterday's in the hour after midnight UTC
        byte[] rpi = ExposureCrypto.rollingProximityIdentifiers(ExposureCrypto.rollingProximityIdentifierKey(key),
                interval, 1).get(0);
        String poison = "{not json " + caseId;
        JsonSerde<SightingRecorded> sightings = new JsonSerde<>(SightingRecorded.class); // the topic's first format
        byte[] withoutDevice = sightings.serialize(Topics.SIGHTINGS, new SightingRecorded(null, rpi, interval, 900, 50));
        String unreadable = "{\"caseId\":\"" + caseId + "\"}"; // JSON: not the topic's binary layout

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props(), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(rpi), poison.getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(rpi), withoutDevice)).get();
            producer.send(new ProducerRecord<>(Topics.PUBLISHED_RPIS, Rpis.toKey(rpi),
                    unreadable.getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(rpi), sightings.serialize(Topics.SIGHTINGS,
                    new SightingRecorded(contact, rpi, interval, 900, 50)))).get();
            producer.send(new ProducerRecord<>(Topics.SIGHTINGS, Rpis.toKey(rpi), sightings.serialize(Topics.SIGHTINGS,
                    new SightingRecorded(contact, rpi, interval + 1, 900, 50)))).get();
            StreamsIts.publish(producer, new DiagnosisKeysPublished(UUID.randomUUID(), caseId, f0, ContactLevel.F0, dayStart,
                    List.of(f0), List.of(new DiagnosisKeysPublished.Key(key, dayStart, 144)),
                    Instant.now()));
        }

        List<ConsumerRecord<String, ContactFound>> found = kafka.read(Topics.CONTACTS, new JsonSerde<>(ContactFound.class),
                event -> event.caseId().equals(caseId), 1, Duration.ofSeconds(90));
        assertThat(found).as("a contact found after the bad records").singleElement()
                .satisfies(record -> assertThat(record.value().deviceId()).isEqualTo(contact));
        assertThat(kafka.read(Topics.deadLetter(Topics.SIGHTINGS), new ByteArrayDeserializer(),
                value -> new String(value, StandardCharsets.UTF_8).equals(poison), 1, Duration.ofSeconds(10)))
                .as("the unreadable sighting, as the bytes that arrived").hasSize(1);
        assertThat(kafka.read(Topics.deadLetter(Topics.SIGHTINGS), new ByteArrayDeserializer(),
                value -> java.util.Arrays.equals(value, withoutDevice), 1, Duration.ofSeconds(10)))
                .as("the readable sighting without its device").hasSize(1);
        assertThat(kafka.read(Topics.deadLetter(Topics.PUBLISHED_RPIS), new ByteArrayDeserializer(),
                value -> new String(value, StandardCharsets.UTF_8).equals(unreadable), 1, Duration.ofSeconds(10)))
                .as("the unreadable published RPI, as the bytes that arrived").hasSize(1);
        TestClients.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    private static Properties props() {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        return props;
    }
}
