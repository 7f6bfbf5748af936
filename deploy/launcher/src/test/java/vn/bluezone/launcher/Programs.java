package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operators' tools the deployment checks run (promtool, docker-compose, kubectl, node), as
 * `.ci/run` installs them. On a developer's machine without one the check is skipped; in CI (the
 * environment variable CI is set) a missing tool fails the build, so a check can never silently vanish.
 */
final class Programs {

    /** The repository's root, from the launcher module's directory (deploy/launcher). */
    static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

    record Result(int exitCode, String output) {
    }

    private Programs() {
    }

    static void require(String program, String install) {
        if (onPath(program)) {
            return;
        }
        String message = program + " is not installed (" + install + ")";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        assumeTrue(false, message);
    }

    /** Runs {@code command} in {@code directory}; the output is stdout and stderr together. */
    static Result run(Path directory, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs {@code command} with {@code input} on its standard input. */
    static Result runWithInput(Path directory, long timeoutSeconds, byte[] input, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Like {@link #run} but the command must succeed. */
    static String succeed(Path directory, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result result = run(directory, timeoutSeconds, command);
        assertThat(result.exitCode()).as("%s:%n%s", String.join(" ", command), result.output()).isZero();
        return result.output();
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
