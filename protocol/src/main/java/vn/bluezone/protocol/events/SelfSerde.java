package vn.bluezone.protocol.events;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A stateless serde that is its own serializer and deserializer, configured by its constructor. */
public interface SelfSerde<T> extends Serde<T>, Serializer<T>, Deserializer<T> {

    @Override
    default Serializer<T> serializer() {
        return this;
    }

    @Override
    default Deserializer<T> deserializer() {
        return this;
    }

    @Override
    default void configure(Map<String, ?> configs, boolean isKey) {
        // configured by constructor
    }

    @Override
    default void close() {
        // stateless
    }
}
