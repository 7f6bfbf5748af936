package vn.bluezone.upload.support;

import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bluezone.protocol.auth.BearerTokens;
import vn.bluezone.protocol.auth.JwtKeys;
import vn.bluezone.protocol.auth.UploadGrants;
import vn.bluezone.protocol.events.ContactLevel;
import vn.bluezone.protocol.provinces.AdministrativeUnits;
import vn.bluezone.upload.UploadProperties;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BearerTokens bearerTokens(UploadProperties properties, Clock clock) {
        return new BearerTokens(JwtKeys.parse("device token", properties.keys().deviceTokens()),
                JwtKeys.parse("official token", properties.keys().officialTokens()), clock);
    }

    /** Issues and accepts F0 grants with its own keys; accepts F1 grants signed by the notify-service's. */
    @Bean
    UploadGrants uploadGrants(UploadProperties properties, Clock clock) {
        return new UploadGrants(Map.of(ContactLevel.F0, JwtKeys.parse("F0 grant", properties.keys().f0Grants()),
                ContactLevel.F1, JwtKeys.parse("F1 grant", properties.keys().f1GrantsPublic())), clock);
    }

    @Bean
    AdministrativeUnits administrativeUnits(UploadProperties properties) {
        return AdministrativeUnits.of(properties.administrativeUnits());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecretHasher secretHasher(UploadProperties properties) {
        return new SecretHasher(properties.keys().hashes());
    }
}
