package vn.bluezone.matching.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import vn.bluezone.matching.engine.MatchingProperties;
import vn.bluezone.matching.engine.MatchingTopology;
import vn.bluezone.protocol.events.TopicAgreement;
import vn.bluezone.protocol.events.Topics;

@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);

    @Bean
    MatchingTopology matchingTopology(StreamsBuilder builder, MatchingProperties properties, MeterRegistry meters) {
        MatchingTopology topology = new MatchingTopology(properties, meters);
        topology.addTo(builder);
        return topology;
    }

    /** Ready while the streams client runs or rebalances; down when it died or stopped. */
    @Bean
    HealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
        return streamsHealth(streams, state -> state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
    }

    /**
     * Alive unless the streams client is dead (ERROR, or shutting down into it): then only a restart
     * of the process helps, and the liveness probe tells the orchestrator so. Starting, rebalancing and
     * restoring are alive.
     */
    @Bean
    HealthIndicator kafkaStreamsLivenessHealthIndicator(StreamsBuilderFactoryBean streams) {
        return streamsHealth(streams, state -> state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR);
    }

    /**
     * A stream thread that dies of an unexpected exception is replaced by a new one, which resumes from
     * the last committed transaction: matching never halts because one thread failed.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedStreamThreads(MeterRegistry meters) {
        return factory -> factory.setStreamsUncaughtExceptionHandler(failure -> {
            Counter.builder("bluezone.matching.stream_threads_replaced")
                    .description("Stream threads that died and were replaced").register(meters).increment();
            log.error("A stream thread failed; replacing it", failure);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    private static HealthIndicator streamsHealth(StreamsBuilderFactoryBean streams, Predicate<KafkaStreams.State> up) {
        return () -> {
            KafkaStreams client = streams.getKafkaStreams();
            KafkaStreams.State state = client == null ? null : client.state();
            return (up.test(state) ? Health.up() : Health.down()).withDetail("state", String.valueOf(state)).build();
        };
    }

    /**
     * Refuses to start when the sightings topic or the published RPIs' (both keyed by RPI at the
     * upload-service) has another partition count than this service's: they would not meet.
     */
    @Bean
    InitializingBean topicPartitionAgreement(KafkaProperties kafka, MatchingProperties properties) {
        return () -> TopicAgreement.verifyPartitions(kafka.buildAdminProperties(),
                Map.of(Topics.SIGHTINGS, properties.partitions(), Topics.PUBLISHED_RPIS, properties.partitions()),
                Duration.ofSeconds(10));
    }

    // The streams application needs its input topics to exist even before the upload-service first ran.
    @Bean
    NewTopic sightingsTopic(MatchingProperties properties) {
        return topic(Topics.SIGHTINGS, properties);
    }

    @Bean
    NewTopic publishedRpisTopic(MatchingProperties properties) {
        return topic(Topics.PUBLISHED_RPIS, properties);
    }

    @Bean
    NewTopic contactsTopic(MatchingProperties properties) {
        return topic(Topics.CONTACTS, properties);
    }

    private static NewTopic topic(String name, MatchingProperties properties) {
        return Topics.definition(name, properties.partitions(), properties.topicReplicas(), properties.retentionDays());
    }
}
