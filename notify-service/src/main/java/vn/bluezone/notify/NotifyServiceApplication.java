package vn.bluezone.notify;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.ContactLevel;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotifyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifyServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    UploadGrants uploadGrants(NotifyProperties properties, Clock clock) {
        return new UploadGrants(Map.of(ContactLevel.F1, JwtKeys.parse("F1 grant", properties.f1GrantKeys())), clock);
    }
}
