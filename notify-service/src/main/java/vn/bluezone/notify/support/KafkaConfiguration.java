package vn.bluezone.notify.support;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTopicDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import java.util.Map;
import java.util.regex.Pattern;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * Each topic's events as their own type; an unreadable event is logged and skipped instead of
     * blocking its partition forever.
     */
    @Bean
    @SuppressWarnings("unchecked") // values are the event records of the topics below
    DefaultKafkaConsumerFactoryCustomizer eventValues() {
        return factory -> ((DefaultKafkaConsumerFactory<String, Object>) factory)
                .setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new DelegatingByTopicDeserializer(Map.of(
                        Pattern.compile(Pattern.quote(Topics.CONTACTS)), new JsonSerde<>(ContactFound.class),
                        Pattern.compile(Pattern.quote(Topics.DIAGNOSIS_KEYS)), new JsonSerde<>(DiagnosisKeysPublished.class),
                        Pattern.compile(Pattern.quote(Topics.DEVICE_ACTIVITY)), new JsonSerde<>(DeviceActive.class)),
                        new JsonSerde<>(Object.class))));
    }
}
