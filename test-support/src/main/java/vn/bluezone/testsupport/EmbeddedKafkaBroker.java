package vn.bluezone.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own KRaft broker (combined broker + controller, one node) running in this JVM. Its log
 * directory survives restarts, so a local system keeps its topics and state across {@code bluezone up}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private volatile KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, int port, int controllerPort, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /** Formats {@code logDir} on first use, then starts the broker on {@code port} (0 picks a free one). */
    public static EmbeddedKafkaBroker start(Path logDir, int port) throws IOException {
        int brokerPort = port == 0 ? FreePorts.pick() : port;
        int controllerPort = FreePorts.pick();
        return new EmbeddedKafkaBroker(logDir, brokerPort, controllerPort, startServer(logDir, brokerPort, controllerPort));
    }

    /** Stops the broker, as an outage would: clients see connections refused until {@link #startAgain()}. */
    public void stop() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
    }

    /** Starts the stopped broker again on the same ports and log directory (its data and offsets kept). */
    public void startAgain() throws IOException {
        if (server == null) {
            server = startServer(logDir, port, controllerPort);
        }
    }

    private static KafkaRaftServer startServer(Path logDir, int brokerPort, int controllerPort) throws IOException {
        Files.createDirectories(logDir);
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // A single node: every internal topic has one replica, transactions need a min ISR of one.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        KafkaConfig config = new KafkaConfig(props);
        format(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Kafka KRaft broker listening on localhost:{} (data in {})", brokerPort, logDir);
        return server;
    }

    private static void format(Path logDir) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted on an earlier start: keep its cluster id and data
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .addDirectory(logDir.toAbsolutePath().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new IOException("Cannot format Kafka log directory " + logDir + ": " + out, e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
