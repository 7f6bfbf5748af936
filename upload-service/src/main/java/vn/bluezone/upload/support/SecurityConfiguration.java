package vn.bluezone.upload.support;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.upload.UploadProperties;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BearerTokens bearerTokens(UploadProperties properties, Clock clock) {
        return new BearerTokens(properties.tokenSecret(), clock);
    }

    @Bean
    UploadGrants uploadGrants(UploadProperties properties, Clock clock) {
        return new UploadGrants(properties.tokenSecret(), clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecretHasher secretHasher(UploadProperties properties) {
        return new SecretHasher(properties.tokenSecret());
    }
}
