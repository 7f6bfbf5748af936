package vn.bluezone.protocol.events;

import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** JSON serde for event records, shared by every producer and consumer of the topics. */
public final class JsonSerde<T> implements SelfSerde<T> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("Cannot serialize " + type.getSimpleName(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return MAPPER.readValue(data, type);
        } catch (JacksonException e) {
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from " + topic, e);
        }
    }
}
