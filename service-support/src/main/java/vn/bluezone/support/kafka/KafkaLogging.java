package vn.bluezone.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;

/**
 * A failed send is logged with its topic and cause, never with its key or value: those are RPIs,
 * device ids and keys (Spring Kafka's default listener prints both).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(LoggingProducerListener.class)
public class KafkaLogging {

    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return withoutContents();
    }

    static <K, V> LoggingProducerListener<K, V> withoutContents() {
        LoggingProducerListener<K, V> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
