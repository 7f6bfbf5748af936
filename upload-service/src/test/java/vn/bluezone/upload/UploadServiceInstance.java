package vn.bluezone.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.bluezone.testsupport.DatabaseCoordinates;
import vn.bluezone.testsupport.TestInfrastructure;
import vn.bluezone.testsupport.TestKeys;

/** One more upload-service instance on the test JVM's broker and database, on a free port. */
final class UploadServiceInstance {

    /** The partitions the other ITs create the shared topics with. */
    private static final String PARTITIONS = "--bluezone.upload.topic-partitions=3";

    private UploadServiceInstance() {
    }

    /** @param arguments more settings as command-line arguments, which win over application.yml */
    static ConfigurableApplicationContext start(String... arguments) {
        TestInfrastructure infra = TestInfrastructure.get();
        DatabaseCoordinates db = infra.database();
        String[] common = {
            "--server.port=0",
            "--logging.structured.format.console=",
            "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
            "--spring.r2dbc.url=" + db.r2dbcUrl(), "--spring.r2dbc.username=" + db.username(),
            "--spring.r2dbc.password=" + db.password(),
            "--spring.flyway.url=" + db.jdbcUrl(), "--spring.flyway.user=" + db.username(),
            "--spring.flyway.password=" + db.password()};
        // The caller's settings win: a key given twice would reach Spring as both values joined by a comma.
        Map<String, String> settings = new LinkedHashMap<>();
        Stream.of(common, new String[] {PARTITIONS}, TestKeys.asArguments(TestKeys.uploadServiceProperties()), arguments)
                .flatMap(Stream::of)
                .forEach(argument -> settings.put(argument.substring(0, argument.indexOf('=')), argument));
        return new SpringApplicationBuilder(UploadServiceApplication.class).run(settings.values().toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
