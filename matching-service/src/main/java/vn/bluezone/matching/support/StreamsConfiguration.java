package vn.bluezone.matching.support;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import vn.bluezone.matching.engine.MatchingProperties;
import vn.bluezone.matching.engine.MatchingTopology;
import vn.bluezone.protocol.events.Topics;

@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

    @Bean
    MatchingTopology matchingTopology(StreamsBuilder builder, MatchingProperties properties, MeterRegistry meters) {
        MatchingTopology topology = new MatchingTopology(properties, meters.counter("bluezone.contacts.found"));
        topology.addTo(builder);
        return topology;
    }

    /** Ready while the streams client runs or rebalances; down when it died or stopped. */
    @Bean
    HealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
        return () -> {
            KafkaStreams client = streams.getKafkaStreams();
            KafkaStreams.State state = client == null ? null : client.state();
            boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
            return (up ? Health.up() : Health.down()).withDetail("state", String.valueOf(state)).build();
        };
    }

    // The streams application needs its input topics to exist even before the upload-service first ran.
    @Bean
    NewTopic sightingsTopic(MatchingProperties properties) {
        return topic(Topics.SIGHTINGS, properties);
    }

    @Bean
    NewTopic diagnosisKeysTopic(MatchingProperties properties) {
        return topic(Topics.DIAGNOSIS_KEYS, properties);
    }

    @Bean
    NewTopic contactsTopic(MatchingProperties properties) {
        return topic(Topics.CONTACTS, properties);
    }

    private static NewTopic topic(String name, MatchingProperties properties) {
        return Topics.definition(name, properties.partitions(), properties.topicReplicas(), properties.retentionDays());
    }
}
