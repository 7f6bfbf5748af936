package vn.bluezone.launcher;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./bluezone up [--fresh] [--port N]}: starts the whole system, prints one
 * {@code READY gateway=...} line, and stops everything on Ctrl-C or SIGTERM.
 */
public final class Launcher {

    private static volatile boolean stopping;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // Before any logger exists: the launcher's quiet configuration, not test-support's test one.
        System.setProperty("logback.configurationFile", "launcher-logback.xml");
        List<String> arguments = List.of(args);
        if (!arguments.isEmpty() && "demo-keys".equals(arguments.get(0))) {
            DemoKeys.print();
            return;
        }
        if (!arguments.isEmpty() && "keys".equals(arguments.get(0))) {
            System.out.print(ServiceKeys.load(null, System::getenv).asEnvFile());
            return;
        }
        if (arguments.isEmpty() || !"up".equals(arguments.get(0))) {
            System.err.println("usage: bluezone up [--fresh] [--port N] | bluezone demo-keys | bluezone keys");
            System.exit(2);
        }
        Instant started = Instant.now();
        String homeSetting = System.getenv("BLUEZONE_HOME");
        Path home = Path.of(homeSetting == null || homeSetting.isBlank() ? ".bluezone" : homeSetting).toAbsolutePath();
        if (arguments.contains("--fresh")) {
            deleteRecursively(home);
        }
        String portEnv = System.getenv("BLUEZONE_PORT");
        int port = optionValue(arguments, "--port", portEnv == null || portEnv.isBlank() ? 8080 : Integer.parseInt(portEnv));
        Path servicesDir = Path.of(System.getProperty("bluezone.services.dir", "deploy/launcher/target/services"));

        LocalSystem system;
        try {
            system = LocalSystem.start(new LaunchSettings(servicesDir, home, port, System.getenv()));
        } catch (Exception e) {
            System.err.println("FAILED " + e.getMessage());
            System.err.println("Service logs are in " + home.resolve("logs"));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            System.out.println("Stopping Bluezone...");
            try {
                system.close();
            } catch (Exception e) {
                System.err.println("Stop failed: " + e.getMessage());
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "bluezone-stop"));

        if (system.generatedOfficial() != null) {
            System.out.println("Official account (shown once): username=" + system.generatedOfficial().username()
                    + " password=" + system.generatedOfficial().password());
        }
        System.out.println("Data: " + home + "  Logs: " + home.resolve("logs") + "  Kafka: " + system.kafkaBootstrapServers()
                + "  Started in " + Duration.between(started, Instant.now()).toMillis() / 1000.0 + " s");
        // For tools that publish to the local broker (the simulator's benchmarks) without being told where it is.
        Files.writeString(home.resolve("kafka-bootstrap"), system.kafkaBootstrapServers());
        System.out.println("READY gateway=" + system.gatewayUrl());
        System.out.flush();
        watch(system);
        stopped.await();
    }

    /** Exits (running the shutdown hook) if a service dies, so nothing half-works silently. */
    private static void watch(LocalSystem system) throws InterruptedException {
        while (!stopping) {
            for (ServiceProcess service : system.services()) {
                if (!service.isAlive() && !stopping) {
                    System.err.println(service.name() + " stopped unexpectedly; see " + service.log());
                    System.exit(1);
                }
            }
            Thread.sleep(1000);
        }
    }

    private static int optionValue(List<String> arguments, String option, int fallback) {
        int index = arguments.indexOf(option);
        return index >= 0 && index + 1 < arguments.size() ? Integer.parseInt(arguments.get(index + 1)) : fallback;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
