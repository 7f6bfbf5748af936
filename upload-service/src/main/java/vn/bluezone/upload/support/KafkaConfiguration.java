package vn.bluezone.upload.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import vn.bluezone.protocol.events.DeviceActive;
import vn.bluezone.protocol.events.JsonSerde;
import vn.bluezone.protocol.events.SightingRecorded;
import vn.bluezone.protocol.events.PublishedRpi;
import vn.bluezone.protocol.events.PublishedRpiSerde;
import vn.bluezone.protocol.events.SightingSerde;
import vn.bluezone.protocol.events.TopicAgreement;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.support.kafka.EventDeserializers;
import vn.bluezone.upload.UploadProperties;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Sightings and published RPIs in their binary layouts (the hot topics), every other event as JSON. */
    @Bean
    @SuppressWarnings("unchecked") // every value this service sends is an event record
    DefaultKafkaProducerFactoryCustomizer eventValues() {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(SightingRecorded.class, new SightingSerde());
        byType.put(PublishedRpi.class, new PublishedRpiSerde());
        byType.put(Object.class, new JsonSerde<>(Object.class));
        return factory -> ((DefaultKafkaProducerFactory<String, Object>) factory)
                .setValueSerializerSupplier(() -> new DelegatingByTypeSerializer(byType, true));
    }

    /** Device activity events, refused (dead-lettered) when unreadable or without device and day. */
    @Bean
    @SuppressWarnings("unchecked") // the only consumed topic's values are DeviceActive events
    DefaultKafkaConsumerFactoryCustomizer deviceActivityValues() {
        return factory -> ((DefaultKafkaConsumerFactory<String, DeviceActive>) factory)
                .setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(EventDeserializers.complete(
                        DeviceActive.class, event -> event.deviceId() != null && event.day() != null)));
    }

    /**
     * Refuses to start against a sightings or published RPIs topic with another partition count than
     * the matching-service's: the two, keyed by RPI, must co-partition.
     */
    @Bean
    InitializingBean topicPartitionAgreement(KafkaProperties kafka, UploadProperties properties) {
        return () -> TopicAgreement.verifyPartitions(kafka.buildAdminProperties(),
                Map.of(Topics.SIGHTINGS, properties.topicPartitions(), Topics.PUBLISHED_RPIS, properties.topicPartitions()),
                Duration.ofSeconds(10));
    }

    @Bean
    NewTopic sightingsTopic(UploadProperties properties) {
        return topic(Topics.SIGHTINGS, properties);
    }

    @Bean
    NewTopic diagnosisKeysTopic(UploadProperties properties) {
        return topic(Topics.DIAGNOSIS_KEYS, properties);
    }

    @Bean
    NewTopic publishedRpisTopic(UploadProperties properties) {
        return topic(Topics.PUBLISHED_RPIS, properties);
    }

    @Bean
    NewTopic casesTopic(UploadProperties properties) {
        return Topics.definition(Topics.CASES, properties.topicPartitions(), properties.topicReplicas(),
                properties.caseRetentionDays());
    }

    private static NewTopic topic(String name, UploadProperties properties) {
        return Topics.definition(name, properties.topicPartitions(), properties.topicReplicas(), properties.retentionDays());
    }
}
