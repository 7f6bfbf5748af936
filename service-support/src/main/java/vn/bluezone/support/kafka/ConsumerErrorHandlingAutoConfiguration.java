package vn.bluezone.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.protocol.logging.SafeLog;

/**
 * One rule for every Kafka listener of a service: an event whose processing failed because a
 * dependency is down is retried with capped exponential backoff for as long as that lasts (its
 * partition waits, nothing behind it is committed); only an event that can never be processed
 * (unreadable, {@link InvalidEvent}, refused by a database constraint) goes to
 * {@code <topic>.dlt}, and its offset is committed once the dead letter is acknowledged.
 */
@AutoConfiguration
@ConditionalOnClass(DefaultErrorHandler.class)
@EnableConfigurationProperties({ConsumerRetryProperties.class, DeadLetterProperties.class})
public class ConsumerErrorHandlingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorHandlingAutoConfiguration.class);

    /** Failures that no retry can cure (besides Spring Kafka's defaults, which include these first two). */
    private static final List<Class<? extends Exception>> NOT_RETRYABLE = List.of(DeserializationException.class,
            ConversionException.class, InvalidEvent.class, DataIntegrityViolationException.class);

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaListenerErrorHandler(KafkaProperties kafka, ConsumerRetryProperties retry,
            DeadLetterProperties deadLetterSettings, MeterRegistry registry) {
        ConsumerMeters meters = new ConsumerMeters(registry, deadLetterSettings.sourceTopics());
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.getClientId() == null ? "dead-letters" : kafka.getClientId() + "-dead-letters");
        KafkaTemplate<String, Object> deadLetters = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new DeadLetterValueSerializer()));
        deadLetters.setProducerListener(KafkaLogging.withoutContents());
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));

        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis()); // and no limit on attempts or elapsed time
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            publisher.accept(record, failure);
            meters.deadLetters(record.topic()).increment();
            // Class names only: a parser's message quotes the event (docs/security.md#logs).
            log.error("Dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), SafeLog.causes(failure));
        }, backOff);
        handler.addNotRetryableExceptions(NOT_RETRYABLE.toArray(Class[]::new));
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
                if (!retryable(failure)) {
                    return; // dead-lettered at once, logged by the recoverer
                }
                meters.retries(record.topic()).increment();
                log.warn("Attempt {} at {}-{}@{} failed, retrying after a backoff: {}", deliveryAttempt, record.topic(),
                        record.partition(), record.offset(), rootCause(failure).toString());
            }

            @Override
            public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecords<?, ?> records, Exception failure,
                    int deliveryAttempt) {
                if (!retryable(failure)) {
                    return;
                }
                records.partitions().forEach(partition ->
                        meters.retries(partition.topic()).increment());
                log.warn("Attempt {} at a batch of {} records failed, retrying after a backoff: {}", deliveryAttempt,
                        records.count(), rootCause(failure).toString());
            }
        });
        return handler;
    }

    /** The dead-letter topics of the consumed topics, one partition each: they are read by operators, not streamed. */
    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(DeadLetterProperties deadLetters) {
        return new KafkaAdmin.NewTopics(deadLetters.sourceTopics().stream()
                .map(topic -> TopicBuilder.name(Topics.deadLetter(topic)).partitions(1).replicas(deadLetters.replicas())
                        .config("retention.ms", String.valueOf(deadLetters.retention().toMillis())).build())
                .toArray(NewTopic[]::new));
    }

    private static boolean retryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Throwable current = cause;
            if (NOT_RETRYABLE.stream().anyMatch(type -> type.isInstance(current))) {
                return false;
            }
        }
        return true;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
