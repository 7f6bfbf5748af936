package vn.bluezone.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSystemJavaOptsTest {

    @Test
    void theEngineRunsWithC2AndTheOtherServicesWithC1OnlyByDefault() {
        assertThat(LocalSystem.javaOpts(true, Map.<String, String>of()::get)).isEqualTo("-Xmx384m -XX:+UseSerialGC");
        assertThat(LocalSystem.javaOpts(false, Map.<String, String>of()::get))
                .isEqualTo("-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    }

    @Test
    void optionsForAllServicesReachTheEngineUnlessItHasItsOwn() {
        Map<String, String> all = Map.of("BLUEZONE_JAVA_OPTS", "-Xmx1g");
        assertThat(LocalSystem.javaOpts(true, all::get)).isEqualTo("-Xmx1g");
        assertThat(LocalSystem.javaOpts(false, all::get)).isEqualTo("-Xmx1g");

        Map<String, String> both = Map.of("BLUEZONE_JAVA_OPTS", "-Xmx1g", "BLUEZONE_MATCHING_JAVA_OPTS", "-Xmx2g");
        assertThat(LocalSystem.javaOpts(true, both::get)).isEqualTo("-Xmx2g");
        assertThat(LocalSystem.javaOpts(false, both::get)).isEqualTo("-Xmx1g");
    }
}
