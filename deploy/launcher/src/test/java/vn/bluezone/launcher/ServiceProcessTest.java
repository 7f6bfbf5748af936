package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void aServiceGetsTheLaunchersEnvironmentWithoutSpringBootsDebugAndTraceSwitches() {
        Map<String, String> inherited = new HashMap<>(Map.of("PATH", "/usr/bin", "DEBUG", "1", "TRACE", "true",
                "BLUEZONE_PORT", "9000"));

        ServiceProcess.childEnvironment(inherited, Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "BLUEZONE_PORT", "8080"));

        assertThat(inherited).containsOnly(Map.entry("PATH", "/usr/bin"), Map.entry("BLUEZONE_PORT", "8080"),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "localhost:1"));
    }
}
