package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules, checked and unit-tested by Prometheus's own promtool (Debian package
 * {@code prometheus}; `.ci/run` installs it). Without promtool on the PATH the test is skipped.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "prometheus").toAbsolutePath().normalize();

    @Test
    void alertRulesAreValidAndFireOnlyInTheirUnitTestsScenarios() throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus)");
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    private static String promtool(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
