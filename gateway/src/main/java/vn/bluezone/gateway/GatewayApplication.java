package vn.bluezone.gateway;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.JwtKeys;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    @Bean
    BearerTokens bearerTokens(GatewayProperties properties) {
        return new BearerTokens(JwtKeys.parse("device token", properties.keys().deviceTokens()),
                JwtKeys.parse("official token", properties.keys().officialTokensPublic()), Clock.systemUTC());
    }
}
