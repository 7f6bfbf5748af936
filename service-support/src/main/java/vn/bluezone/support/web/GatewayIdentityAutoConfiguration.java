package vn.bluezone.support.web;

import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import vn.bluezone.protocol.auth.IdentityAssertions;
import vn.bluezone.protocol.auth.JwtKeys;

/**
 * Services behind the gateway take a caller's identity only from the gateway's signed assertion.
 * The key is required: a service without it does not start (fails closed).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(GatewayIdentityAutoConfiguration.IdentityProperties.class)
public class GatewayIdentityAutoConfiguration {

    /** {@code bluezone.identity.*}: the keys the gateway signs this service's identity assertions with. */
    @Validated
    @ConfigurationProperties("bluezone.identity")
    public record IdentityProperties(@NotBlank String assertionKeys) {
    }

    /** Controllers name their caller as a {@link vn.bluezone.protocol.auth.Principal} parameter. */
    @Bean
    WebFluxConfigurer callerArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new Callers());
            }
        };
    }

    @Bean
    GatewayIdentityFilter gatewayIdentityFilter(IdentityProperties properties) {
        return new GatewayIdentityFilter(new IdentityAssertions(
                JwtKeys.parse("identity assertion", properties.assertionKeys()), Clock.systemUTC()));
    }
}
