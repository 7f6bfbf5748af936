package vn.bluezone.notify.support;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTopicDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import java.util.Map;
import java.util.regex.Pattern;
import vn.bluezone.protocol.events.CaseEvent;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.support.kafka.EventDeserializers;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Each topic's events as their own type; see {@link EventDeserializers} for what is refused. */
    @Bean
    @SuppressWarnings("unchecked") // values are the event records of the topics below
    DefaultKafkaConsumerFactoryCustomizer eventValues() {
        return factory -> ((DefaultKafkaConsumerFactory<String, Object>) factory)
                .setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new DelegatingByTopicDeserializer(Map.of(
                        Pattern.compile(Pattern.quote(Topics.CONTACTS)), EventDeserializers.complete(ContactFound.class, contact ->
                                contact.contactId() != null && contact.caseId() != null && contact.deviceId() != null
                                        && contact.level() != null && contact.exposureDate() != null),
                        Pattern.compile(Pattern.quote(Topics.DIAGNOSIS_KEYS)), EventDeserializers.complete(DiagnosisKeysPublished.class, keys ->
                                keys.uploadId() != null && keys.caseId() != null && keys.uploaderDeviceId() != null
                                        && keys.uploaderLevel() != null && keys.publishedAt() != null),
                        Pattern.compile(Pattern.quote(Topics.CASES)), EventDeserializers.complete(CaseEvent.class, CaseEvent::complete)),
                        new JsonSerde<>(Object.class))));
    }
}
