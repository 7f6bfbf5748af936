package vn.bluezone.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class RouteAccessRulesTest {

    @Test
    void theGatewayDoesNotStartWithARouteThatHasNoAccessRule() {
        String route = "--spring.cloud.gateway.server.webflux.routes[0].";
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--logging.structured.format.console=",
                "--bluezone.gateway.token-secret=" + GatewayFiltersTest.SECRET,
                "--bluezone.gateway.identity-assertion-secret=" + GatewayFiltersTest.ASSERTION_SECRET,
                "--bluezone.gateway.answer-polls-without-alerts=false",
                route + "id=forgotten", route + "uri=http://localhost:9", route + "predicates[0]=Path=/api/v1/forgotten",
                route + "metadata.max-body-bytes=0").close())
                .hasStackTraceContaining("Routes without an access rule").hasStackTraceContaining("[forgotten]");
    }
}
