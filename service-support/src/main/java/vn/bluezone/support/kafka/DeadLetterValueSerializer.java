package vn.bluezone.support.kafka;

import org.apache.kafka.common.serialization.Serializer;
import vn.bluezone.protocol.events.JsonSerde;

/**
 * Dead letters keep the bytes that arrived when the event could not be read at all, and the event as
 * JSON when it was read but is invalid.
 */
final class DeadLetterValueSerializer implements Serializer<Object> {

    private final JsonSerde<Object> json = new JsonSerde<>(Object.class);

    @Override
    public byte[] serialize(String topic, Object value) {
        return value instanceof byte[] raw ? raw : json.serialize(topic, value);
    }
}
