package vn.bluezone.upload.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessageBundlesTest {

    @Test
    void everyStringHasAVietnameseAndAnEnglishText() throws IOException {
        Properties vietnamese = bundle("/messages.properties");
        Properties english = bundle("/messages_en.properties");
        assertThat(english.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(vietnamese.stringPropertyNames());
        assertThat(vietnamese.getProperty("portal.nav.cases")).isEqualTo("Ca bệnh");
        vietnamese.stringPropertyNames().forEach(key -> assertThat(vietnamese.getProperty(key)).as(key).isNotBlank());
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(MessageBundlesTest.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
