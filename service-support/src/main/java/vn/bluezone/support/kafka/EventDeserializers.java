package vn.bluezone.support.kafka;

import java.util.function.Predicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import vn.bluezone.protocol.events.JsonSerde;

/**
 * Deserializers for consumed events. An event that is unreadable or lacks a field the listener needs
 * fails in the deserializer, so (wrapped in Spring Kafka's ErrorHandlingDeserializer) it reaches the
 * listener's error handler with the bytes that arrived, and goes to the dead-letter topic as those
 * bytes, instead of blocking its partition forever.
 */
public final class EventDeserializers {

    private EventDeserializers() {
    }

    /** Reads JSON events of a type, refusing one that lacks what its listener needs. */
    public static <T> Deserializer<T> complete(Class<T> type, Predicate<T> complete) {
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
