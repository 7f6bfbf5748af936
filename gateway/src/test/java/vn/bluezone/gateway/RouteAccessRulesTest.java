package vn.bluezone.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.bluezone.testsupport.TestKeys;

class RouteAccessRulesTest {

    private static final String ROUTE = "--spring.cloud.gateway.server.webflux.routes[0].";

    private static void start(String... route) {
        String[] common = {"--server.port=0", "--management.server.port=0", "--logging.structured.format.console=",
            "--bluezone.gateway.answer-polls-without-alerts=false"};
        String[] arguments = Stream.of(common, TestKeys.asArguments(TestKeys.gatewayProperties()), route)
                .flatMap(Stream::of).toArray(String[]::new);
        new SpringApplicationBuilder(GatewayApplication.class).run(arguments).close();
    }

    @Test
    void theGatewayDoesNotStartWithARouteThatHasNoAccessRule() {
        assertThatThrownBy(() -> start(ROUTE + "id=forgotten", ROUTE + "uri=http://localhost:9",
                ROUTE + "predicates[0]=Path=/api/v1/forgotten", ROUTE + "metadata.max-body-bytes=0"))
                .hasStackTraceContaining("Routes without an access rule").hasStackTraceContaining("[forgotten]");
    }

    @Test
    void theGatewayDoesNotStartWithARouteForCallersToAServiceItHasNoIdentityKeysFor() {
        assertThatThrownBy(() -> start(ROUTE + "id=elsewhere", ROUTE + "uri=http://localhost:9",
                ROUTE + "predicates[0]=Path=/api/v1/elsewhere", ROUTE + "metadata.auth=device",
                ROUTE + "metadata.max-body-bytes=0"))
                .hasStackTraceContaining("without identity-assertion keys").hasStackTraceContaining("[elsewhere]");
    }
}
