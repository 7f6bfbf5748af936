package vn.bluezone.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One service as a child JVM, its output in a log file, ready when its readiness probe says so. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Set<String> SPRING_BOOT_SWITCHES = Set.of("DEBUG", "TRACE");

    private final String name;
    private final ProcessBuilder launch;
    private final Path log;
    private final URI readiness;
    private volatile Process process;

    private ServiceProcess(String name, ProcessBuilder launch, Process process, Path log, URI readiness) {
        this.name = name;
        this.launch = launch;
        this.process = process;
        this.log = log;
        this.readiness = readiness;
    }

    public static ServiceProcess start(String name, Path jar, int managementPort, Map<String, String> env, Path logDir,
            String javaOptions) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        childEnvironment(builder.environment(), env);
        Process process = builder.start();
        return new ServiceProcess(name, builder, process, log,
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"));
    }

    /**
     * The child's environment: the launcher's, without Spring Boot's {@code DEBUG} and {@code TRACE}
     * switches (a shell that happens to export one would put every service at debug or trace level,
     * millions of log lines and a system many times slower), then {@code env}.
     */
    static void childEnvironment(Map<String, String> inherited, Map<String, String> env) {
        inherited.keySet().removeAll(SPRING_BOOT_SWITCHES);
        inherited.putAll(env);
    }

    String name() {
        return name;
    }

    /** host:port of the actuator (health, /actuator/prometheus), as a Prometheus scrape target. */
    String managementAddress() {
        return readiness.getHost() + ":" + readiness.getPort();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends SIGTERM: the service drains in-flight work and exits. */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the exit after {@link #requestStop()}, killing the JVM if it outlives the grace period. */
    void awaitStop(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Kills the JVM at once (SIGKILL), as a crash or a lost machine would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the stopped service again, with the same command, environment and ports. */
    void startAgain() throws IOException {
        if (!process.isAlive()) {
            process = launch.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        requestStop();
        awaitStop(Duration.ofSeconds(30));
    }
}
