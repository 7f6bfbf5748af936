package vn.bluezone.gateway;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code bluezone.gateway.*}; documented in application.yml and docs/operations.md. */
@Validated
@ConfigurationProperties("bluezone.gateway")
record GatewayProperties(@NotBlank String tokenSecret, @NotBlank String uploadServiceUrl,
        @NotBlank String notifyServiceUrl, @NotBlank String kafkaBootstrapServers, boolean answerPollsWithoutAlerts) {
}
