package vn.bluezone.notify.support;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTopicDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import java.util.regex.Pattern;
import vn.bluezone.protocol.events.CaseEvent;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.DiagnosisKeysPublished;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.Topics;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * Each topic's events as their own type. An event that is unreadable or lacks a field the listener
     * needs fails here, so it reaches the listener's error handler with the bytes that arrived, and goes
     * to the dead-letter topic as those bytes, instead of blocking its partition forever.
     */
    @Bean
    @SuppressWarnings("unchecked") // values are the event records of the topics below
    DefaultKafkaConsumerFactoryCustomizer eventValues() {
        return factory -> ((DefaultKafkaConsumerFactory<String, Object>) factory)
                .setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new DelegatingByTopicDeserializer(Map.of(
                        Pattern.compile(Pattern.quote(Topics.CONTACTS)), complete(ContactFound.class, contact ->
                                contact.contactId() != null && contact.caseId() != null && contact.deviceId() != null
                                        && contact.level() != null && contact.exposureDate() != null),
                        Pattern.compile(Pattern.quote(Topics.DIAGNOSIS_KEYS)), complete(DiagnosisKeysPublished.class, keys ->
                                keys.uploadId() != null && keys.caseId() != null && keys.uploaderDeviceId() != null
                                        && keys.uploaderLevel() != null && keys.publishedAt() != null),
                        Pattern.compile(Pattern.quote(Topics.DEVICE_ACTIVITY)), complete(DeviceActive.class, active ->
                                active.deviceId() != null && active.day() != null),
                        Pattern.compile(Pattern.quote(Topics.CASES)), complete(CaseEvent.class, CaseEvent::complete)),
                        new JsonSerde<>(Object.class))));
    }

    /** Reads JSON events of a type, refusing one that lacks what its listener needs. */
    private static <T> Deserializer<T> complete(Class<T> type, Predicate<T> complete) {
        JsonSerde<T> json = new JsonSerde<>(type);
        return (topic, data) -> {
            T event = json.deserialize(topic, data);
            if (event != null && !complete.test(event)) {
                throw new SerializationException("A " + type.getSimpleName() + " event from " + topic
                        + " lacks a required field");
            }
            return event;
        };
    }
}
