package vn.bluezone.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to start and where. External Kafka/PostgreSQL replace the embedded ones when their
 * environment variables are set.
 *
 * @param servicesDir  where the four service jars are
 * @param home         data directory (Kafka logs, PostgreSQL, streams state, service logs)
 * @param gatewayPort  public port; 0 picks a free one
 * @param env          the environment to read KAFKA_BOOTSTRAP_SERVERS, BLUEZONE_DB_* and BLUEZONE_* from
 */
record LaunchSettings(Path servicesDir, Path home, int gatewayPort, Map<String, String> env) {

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
