package vn.bluezone.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.testsupport.DatabaseCoordinates;
import vn.bluezone.testsupport.EmbeddedDatabase;
import vn.bluezone.testsupport.EmbeddedKafkaBroker;
import vn.bluezone.testsupport.FreePorts;

/**
 * The whole system on one machine: Kafka and PostgreSQL (embedded unless configured), then the
 * upload, matching and notify services and the gateway, each in its own JVM.
 */
final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    /** C1 only: the services start fast and stay small. */
    private static final String DEFAULT_JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    /**
     * The engine's throughput is the system's: with C2 it spends 17 CPU-s per million sightings, with C1
     * only 30 (docs/performance.md, "Keys no longer wait in the consumer").
     */
    private static final String DEFAULT_MATCHING_JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC";

    /** Credentials of the official account created on this start, when the launcher generated them. */
    record GeneratedOfficial(String username, String password) {
    }

    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final LaunchSettings settings;
    private String gatewayUrl;
    private String kafkaBootstrapServers;
    private GeneratedOfficial generatedOfficial;

    private LocalSystem(LaunchSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and returns once every service is ready; on failure stops what it started. */
    static LocalSystem start(LaunchSettings settings) throws Exception {
        LocalSystem system = new LocalSystem(settings);
        try {
            system.startAll();
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    /** Each service's name and its actuator's host:port, in start order. */
    Map<String, String> managementAddresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        services.forEach(service -> addresses.put(service.name(), service.managementAddress()));
        return addresses;
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    GeneratedOfficial generatedOfficial() {
        return generatedOfficial;
    }

    List<ServiceProcess> services() {
        return services;
    }

    ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    private void startAll() throws Exception {
        Path home = settings.home();
        Files.createDirectories(home);

        String kafka = settings.env("KAFKA_BOOTSTRAP_SERVERS");
        if (kafka == null) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(home.resolve("kafka"), 0);
            infrastructure.add(broker);
            kafka = broker.bootstrapServers();
        }
        kafkaBootstrapServers = kafka;
        DatabaseCoordinates db = database(home);

        int uploadPort = FreePorts.pick();
        int matchingPort = FreePorts.pick();
        int notifyPort = FreePorts.pick();
        int gatewayPort = settings.gatewayPort() == 0 ? FreePorts.pick() : settings.gatewayPort();
        int gatewayManagementPort = FreePorts.pick();

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        common.put("BLUEZONE_DB_URL", db.jdbcUrl());
        common.put("BLUEZONE_R2DBC_URL", db.r2dbcUrl());
        common.put("BLUEZONE_DB_USER", db.username());
        common.put("BLUEZONE_DB_PASSWORD", db.password());
        // Only the gateway's public port listens beyond this machine.
        common.put("SERVER_ADDRESS", "127.0.0.1");
        passThrough(common);
        // Every simulated phone comes from 127.0.0.1 and the load tests upload as fast as they can: the
        // per-address and per-device flood limits would stop them (unless set explicitly).
        common.putIfAbsent("BLUEZONE_REGISTRATIONS_PER_ADDRESS", "100000000");
        common.putIfAbsent("BLUEZONE_SIGHTING_UPLOADS_PER_HOUR", "100000000");

        ServiceKeys keys = ServiceKeys.load(home.resolve("keys"), settings::env);
        Map<String, String> upload = new HashMap<>(common);
        upload.putAll(keys.forUploadService());
        upload.put("UPLOAD_SERVICE_PORT", String.valueOf(uploadPort));
        officialBootstrap(home, upload);
        Map<String, String> matching = new HashMap<>(common);
        matching.put("MATCHING_SERVICE_PORT", String.valueOf(matchingPort));
        matching.putIfAbsent("BLUEZONE_MATCHING_STATE_DIR", home.resolve("matching-state").toString());
        Map<String, String> notify = new HashMap<>(common);
        notify.putAll(keys.forNotifyService());
        notify.putAll(LocalWebPush.settings(home.resolve("keys"), settings.env()));
        notify.put("NOTIFY_SERVICE_PORT", String.valueOf(notifyPort));
        Map<String, String> gateway = new HashMap<>(common);
        gateway.putAll(keys.forGateway());
        gateway.remove("SERVER_ADDRESS");
        gateway.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        gateway.put("BLUEZONE_PORT", String.valueOf(gatewayPort));
        gateway.put("GATEWAY_MANAGEMENT_PORT", String.valueOf(gatewayManagementPort));
        gateway.put("UPLOAD_SERVICE_URL", "http://127.0.0.1:" + uploadPort);
        gateway.put("NOTIFY_SERVICE_URL", "http://127.0.0.1:" + notifyPort);

        String javaOpts = javaOpts(false, settings::env);
        Path logs = home.resolve("logs");
        services.add(ServiceProcess.start("upload-service", jar("upload-service"), uploadPort, upload, logs, javaOpts));
        services.add(ServiceProcess.start("matching-service", jar("matching-service"), matchingPort, matching, logs,
                javaOpts(true, settings::env)));
        services.add(ServiceProcess.start("notify-service", jar("notify-service"), notifyPort, notify, logs, javaOpts));
        services.add(ServiceProcess.start("gateway", jar("gateway"), gatewayManagementPort, gateway, logs, javaOpts));
        awaitReady();
        gatewayUrl = "http://localhost:" + gatewayPort;
    }

    /**
     * JVM options of a service process: BLUEZONE_MATCHING_JAVA_OPTS for the engine, else BLUEZONE_JAVA_OPTS
     * for all, else the defaults (C2 for the engine, C1 only for the others).
     */
    static String javaOpts(boolean engine, UnaryOperator<String> env) {
        if (engine && env.apply("BLUEZONE_MATCHING_JAVA_OPTS") != null) {
            return env.apply("BLUEZONE_MATCHING_JAVA_OPTS");
        }
        if (env.apply("BLUEZONE_JAVA_OPTS") != null) {
            return env.apply("BLUEZONE_JAVA_OPTS");
        }
        return engine ? DEFAULT_MATCHING_JAVA_OPTS : DEFAULT_JAVA_OPTS;
    }

    private DatabaseCoordinates database(Path home) throws IOException {
        String url = settings.env("BLUEZONE_DB_URL");
        if (url == null) {
            EmbeddedDatabase postgres = EmbeddedDatabase.start(home.resolve("postgres"), 0);
            infrastructure.add(postgres);
            return postgres.coordinates();
        }
        // jdbc:postgresql://host:port/database
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        return new DatabaseCoordinates(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                settings.env("BLUEZONE_DB_USER") == null ? "postgres" : settings.env("BLUEZONE_DB_USER"),
                settings.env("BLUEZONE_DB_PASSWORD") == null ? "" : settings.env("BLUEZONE_DB_PASSWORD"));
    }

    /**
     * Any BLUEZONE_* setting the user exported reaches the services (the launcher's own ones win), but
     * key sets only reach the services that hold them ({@link ServiceKeys}).
     */
    private void passThrough(Map<String, String> target) {
        settings.env().forEach((name, value) -> {
            if (name.startsWith("BLUEZONE_") && !name.endsWith("_KEYS") && !target.containsKey(name)) {
                target.put(name, value);
            }
        });
    }

    /**
     * Without BLUEZONE_BOOTSTRAP_OFFICIAL_USER/PASSWORD, the first start creates user "official" with a
     * random password that is shown once and stored nowhere but as a bcrypt hash in the database.
     */
    private void officialBootstrap(Path home, Map<String, String> upload) throws IOException {
        if (settings.env("BLUEZONE_BOOTSTRAP_OFFICIAL_USER") != null) {
            return; // passed through
        }
        Path marker = home.resolve("official-created");
        if (Files.exists(marker)) {
            return;
        }
        generatedOfficial = new GeneratedOfficial("official", randomBase64(12).replace('/', '_').replace('+', '-'));
        upload.put("BLUEZONE_BOOTSTRAP_OFFICIAL_USER", generatedOfficial.username());
        upload.put("BLUEZONE_BOOTSTRAP_OFFICIAL_PASSWORD", generatedOfficial.password());
        Files.writeString(marker, Instant.now().toString());
    }

    private Path jar(String service) {
        Path jar = settings.servicesDir().resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first with ./mvnw -DskipTests package");
        }
        return jar;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : services) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.name() + " exited during start-up; see " + service.log());
                }
            }
            waiting.removeIf(ServiceProcess::isReady);
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("Not ready after " + STARTUP_TIMEOUT + ": "
                        + waiting.stream().map(ServiceProcess::name).toList());
            }
            Thread.sleep(500);
        }
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** Stops the gateway first so no new request arrives, then the services together, then Kafka and PostgreSQL. */
    @Override
    public void close() throws Exception {
        try {
            List<ServiceProcess> stopping = new ArrayList<>(services);
            java.util.Collections.reverse(stopping); // the gateway was started last
            if (!stopping.isEmpty()) {
                stopping.remove(0).close();
            }
            stopping.forEach(ServiceProcess::requestStop);
            for (ServiceProcess service : stopping) {
                service.awaitStop(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            try {
                infrastructure.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", infrastructure.get(i), e);
            }
        }
    }
}
