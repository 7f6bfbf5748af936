package vn.bluezone.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class UploadPropertiesTest {

    /** From 17:00 UTC the UTC date is still the day before in Vietnam; adoption counts Vietnam's day. */
    @Test
    void todayIsTheStatisticsZonesDateWhileUtcIsStillOnTheDayBefore() throws IOException {
        Clock eveningInUtc = Clock.fixed(Instant.parse("2025-03-14T18:00:00Z"), ZoneOffset.UTC);

        assertThat(configured().statisticsToday(eveningInUtc)).isEqualTo(LocalDate.parse("2025-03-15"));
    }

    /** The service's own application.yml, defaults and all. */
    private static UploadProperties configured() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bindOrCreate("bluezone.upload", UploadProperties.class);
    }
}
