package vn.bluezone.protocol.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class VersionedBinarySerdeTest {

    record Pair(int first, long second) {
    }

    /** A layout of two numbers whose first format was JSON. */
    static final class PairSerde extends VersionedBinarySerde<Pair> {

        PairSerde() {
            super((byte) 3, "a pair", Pair.class);
        }

        @Override
        public int bytes(Pair pair) {
            return 4 + 8;
        }

        @Override
        public ByteBuffer write(ByteBuffer out, Pair pair) {
            return out.putInt(pair.first()).putLong(pair.second());
        }

        @Override
        public Pair read(ByteBuffer in) {
            return new Pair(in.getInt(), in.getLong());
        }
    }

    final PairSerde serde = new PairSerde();
    final Pair pair = new Pair(7, 1_780_000_000_123L);

    @Test
    void aValueIsItsVersionByteThenItsLayoutAndReadsBackEqual() {
        byte[] bytes = serde.serialize("t", pair);

        assertThat(bytes).hasSize(13).startsWith(3);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(pair);
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void theFirstFormatsJsonIsStillRead() {
        assertThat(serde.deserialize("t", "{\"first\":7,\"second\":1780000000123}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(pair);
    }

    @Test
    void anotherVersionATruncatedValueOrTrailingBytesAreErrorsNeverAPartialValue() {
        byte[] bytes = serde.serialize("t", pair);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 4;

        assertThatThrownBy(() -> serde.deserialize("t", otherVersion)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, 12)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, 14)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", new byte[0])).isInstanceOf(SerializationException.class);
    }
}
