package vn.bluezone.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfrastructureIT {

    private final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void brokerAcceptsAndDeliversARecordWithIdempotentAcksAll() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("probe", 2, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", infra.kafkaBootstrapServers());
        producerProps.put("acks", "all");
        producerProps.put("enable.idempotence", "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", infra.kafkaBootstrapServers());
        consumerProps.put("group.id", "probe");
        consumerProps.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(records.iterator().next().value()).isEqualTo("hello");
        }
    }

    @Test
    void databaseIsPostgres17AndWritable() throws Exception {
        DatabaseCoordinates db = infra.database();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS probe (id int primary key)");
            connection.createStatement().execute("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
            try (ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
                version.next();
                assertThat(version.getString(1)).startsWith("17.");
            }
        }
    }
}
