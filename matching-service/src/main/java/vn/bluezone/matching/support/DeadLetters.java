package vn.bluezone.matching.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bluezone.protocol.events.Topics;
import vn.bluezone.protocol.logging.SafeLog;

/**
 * A record the topology can never process (unreadable, or failing in a processor for a reason of its
 * own) goes, as the bytes that arrived, to {@code <source topic>.dlt}, and the stream thread goes on.
 * Failures of the platform itself (state store, broker) are not the record's fault: they fail the
 * thread, which is replaced and retries. If the dead letter cannot be written, the thread fails too,
 * so no record is ever dropped. Kafka Streams creates one instance per stream thread.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private Map<String, Object> clientConfig;
    private KafkaProducer<byte[], byte[]> producer;

    @Override
    public void configure(Map<String, ?> configs) {
        clientConfig = new HashMap<>();
        clientConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        clientConfig.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-dead-letters-" + System.identityHashCode(this));
        // At zero from the start: a counter first seen at 1 shows Prometheus no increase (no alert).
        List.of(Topics.SIGHTINGS, Topics.PUBLISHED_RPIS).forEach(DeadLetters::counted);
    }

    private static Counter counted(String topic) {
        return Counter.builder("bluezone.kafka.dead_letters").tag("topic", topic)
                .description("Events sent to <topic>.dlt because they can never be processed").register(Metrics.globalRegistry);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        return send(context.topic(), context.partition(), context.offset(), record.key(), record.value(), exception)
                ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof StreamsException || exception instanceof KafkaException) {
            return ProcessingHandlerResponse.FAIL; // the platform failed, not the record: retry on a new thread
        }
        return send(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), exception) ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    private boolean send(String topic, int partition, long offset, byte[] key, byte[] value, Exception exception) {
        String deadLetterTopic = Topics.deadLetter(topic);
        RecordHeaders headers = new RecordHeaders();
        headers.add("bluezone.dlt.source", (topic + "-" + partition + "@" + offset).getBytes(StandardCharsets.UTF_8));
        headers.add("bluezone.dlt.exception", exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("bluezone.dlt.message", String.valueOf(exception.getMessage()).getBytes(StandardCharsets.UTF_8));
        try {
            ensureTopic(deadLetterTopic);
            producer().send(new ProducerRecord<>(deadLetterTopic, null, key, value, headers))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("Cannot dead-letter {}-{}@{}; failing the stream thread so it is retried", topic, partition, offset, e);
            return false;
        }
        counted(topic).increment();
        // Class names only: a parser's message quotes the record (docs/security.md#logs).
        log.error("Dead-lettered {}-{}@{} to {}: {}", topic, partition, offset, deadLetterTopic, SafeLog.causes(exception));
        return true;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(clientConfig);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Dead-letter topics are created on first use: one partition, the broker's replication factor. */
    private void ensureTopic(String name) throws InterruptedException, ExecutionException {
        if (CREATED.contains(name)) {
            return;
        }
        try (Admin admin = Admin.create(clientConfig)) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        CREATED.add(name);
    }
}
