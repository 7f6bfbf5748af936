package vn.bluezone.matching;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.testsupport.TestInfrastructure;

/** What the matching ITs that write straight into the topics share: the broker, a state dir, a raw producer. */
final class StreamsIts {

    private StreamsIts() {
    }

    /** The shared embedded broker and a fresh state directory for this IT's streams application. */
    static void register(DynamicPropertyRegistry registry, String applicationId) throws Exception {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure.get()::kafkaBootstrapServers);
        String stateDir = Files.createTempDirectory(applicationId).toString();
        registry.add("spring.kafka.streams.state-dir", () -> stateDir);
    }

    /** Writes already serialized values, as the upload-service's producer would. */
    static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers());
        props.put("linger.ms", "20");
        props.put("batch.size", "262144");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes a key upload as the upload-service does: its RPIs, keyed by RPI, each acknowledged. */
    static void publish(KafkaProducer<String, byte[]> producer, DiagnosisKeysPublished upload) throws Exception {
        PublishedRpiSerde serde = new PublishedRpiSerde();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (PublishedRpi.Keyed rpi : PublishedRpi.of(upload)) {
            sent.add(producer.send(new ProducerRecord<>(Topics.PUBLISHED_RPIS, rpi.rpi(),
                    serde.serialize(Topics.PUBLISHED_RPIS, rpi.publication()))));
        }
        for (Future<RecordMetadata> acknowledged : sent) {
            acknowledged.get();
        }
    }
}
