package vn.bluezone.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Kafka broker and PostgreSQL database of a test JVM, started once on first use and shared by
 * every test class. {@code -Dbluezone.test.infra=containers} uses Testcontainers (needs Docker);
 * anything else uses the embedded broker and database.
 */
public final class TestInfrastructure {

    private static volatile TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final DatabaseCoordinates database;
    private final EmbeddedKafkaBroker embeddedKafka;
    private final EmbeddedDatabase embeddedDatabase;

    private TestInfrastructure(String kafkaBootstrapServers, DatabaseCoordinates database,
            EmbeddedKafkaBroker embeddedKafka, EmbeddedDatabase embeddedDatabase) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.database = database;
        this.embeddedKafka = embeddedKafka;
        this.embeddedDatabase = embeddedDatabase;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = "containers".equals(System.getProperty("bluezone.test.infra")) ? containers() : embedded();
                }
            }
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public DatabaseCoordinates database() {
        return database;
    }

    /**
     * Stops PostgreSQL (open connections are cut), waits {@code downtime}, and starts it again on the
     * same port and data: a restart or fail-over as clients see it. Embedded infrastructure only.
     */
    public void restartDatabase(Duration downtime) throws IOException, InterruptedException {
        requireEmbedded().embeddedDatabase.restart(downtime);
    }

    /** Stops the Kafka broker (clients see connections refused) until {@link #startKafka()}. Embedded only. */
    public void stopKafka() {
        requireEmbedded().embeddedKafka.stop();
    }

    /** Starts the stopped broker again on the same port, with its data. */
    public void startKafka() throws IOException {
        requireEmbedded().embeddedKafka.startAgain();
    }

    /** Whether faults can be injected (stopping and starting the broker and database). */
    public boolean supportsFaults() {
        return embeddedKafka != null;
    }

    private TestInfrastructure requireEmbedded() {
        if (!supportsFaults()) {
            throw new UnsupportedOperationException("Fault injection needs the embedded broker and database");
        }
        return this;
    }

    /** Points a Spring Boot service under test at this JVM's Kafka and PostgreSQL. */
    public static void registerProperties(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = get();
        DatabaseCoordinates db = infra.database();
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::username);
        registry.add("spring.r2dbc.password", db::password);
        registry.add("spring.flyway.url", db::jdbcUrl);
        registry.add("spring.flyway.user", db::username);
        registry.add("spring.flyway.password", db::password);
    }

    private static TestInfrastructure embedded() {
        try {
            Path root = Files.createTempDirectory("bluezone-test-");
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(root.resolve("kafka"), 0);
            EmbeddedDatabase postgres = EmbeddedDatabase.start(root.resolve("postgres"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the child process dies with it
                }
            }, "bluezone-test-infra-shutdown"));
            return new TestInfrastructure(kafka.bootstrapServers(), postgres.coordinates(), kafka, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded Kafka/PostgreSQL", e);
        }
    }

    @SuppressWarnings("resource") // containers live as long as the JVM; Ryuk removes them
    private static TestInfrastructure containers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17").withDatabaseName(EmbeddedDatabase.DATABASE);
        kafka.start();
        postgres.start();
        return new TestInfrastructure(kafka.getBootstrapServers(), new DatabaseCoordinates(postgres.getHost(),
                postgres.getMappedPort(5432), EmbeddedDatabase.DATABASE, postgres.getUsername(), postgres.getPassword()),
                null, null);
    }
}
