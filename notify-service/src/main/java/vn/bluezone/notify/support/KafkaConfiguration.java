package vn.bluezone.notify.support;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import vn.bluezone.protocol.events.ContactFound;
import vn.bluezone.protocol.events.JsonSerde;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** An unreadable event is logged and skipped instead of blocking its partition forever. */
    @Bean
    @SuppressWarnings("unchecked") // this service consumes only contact events
    DefaultKafkaConsumerFactoryCustomizer contactEventValues() {
        return factory -> ((DefaultKafkaConsumerFactory<String, ContactFound>) factory)
                .setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new JsonSerde<>(ContactFound.class)));
    }
}
