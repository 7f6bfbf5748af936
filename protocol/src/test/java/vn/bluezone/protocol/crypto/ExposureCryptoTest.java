package vn.bluezone.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Published Exposure Notification v1.2 test vectors (exposure-notifications-internals, TestVectors). */
class ExposureCryptoTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TEK = HEX.parseHex("75c734c6dd1a782de7a965da5eb93125");
    private static final int KEY_INTERVAL = 2642976;

    @Test
    void intervalNumberOfTheVectorsKeyGenerationTime() {
        assertThat(EnIntervals.of(Instant.ofEpochSecond(1585785600L))).isEqualTo(KEY_INTERVAL);
        assertThat(KEY_INTERVAL % EnIntervals.INTERVALS_PER_DAY).isZero();
    }

    @Test
    void rpikMatchesPublishedVector() {
        assertThat(HEX.formatHex(ExposureCrypto.rollingProximityIdentifierKey(TEK)))
                .isEqualTo("185ad91db69ec7dd048960f1f3ba6175");
    }

    @Test
    void rpisMatchPublishedVectors() {
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(TEK);
        assertThat(HEX.formatHex(ExposureCrypto.rollingProximityIdentifier(rpik, KEY_INTERVAL)))
                .isEqualTo("8be6cd371c5c891604bfbe49df845096");
        assertThat(HEX.formatHex(ExposureCrypto.rollingProximityIdentifier(rpik, KEY_INTERVAL + 1)))
                .isEqualTo("3c9a1de5dd6b02afa7fded7b570b3e56");
    }

    @Test
    void batchDerivationEqualsOneByOne() {
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(TEK);
        List<byte[]> all = ExposureCrypto.rollingProximityIdentifiers(rpik, KEY_INTERVAL, 144);
        assertThat(all).hasSize(144);
        for (int i = 0; i < 144; i += 37) {
            assertThat(all.get(i)).isEqualTo(ExposureCrypto.rollingProximityIdentifier(rpik, KEY_INTERVAL + i));
        }
        assertThat(HEX.formatHex(all.get(0))).isNotEqualTo(HEX.formatHex(all.get(143)));
    }

    @Test
    void rejectsKeysOfWrongLength() {
        assertThatThrownBy(() -> ExposureCrypto.rollingProximityIdentifierKey(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dayArithmeticIsUtc() {
        assertThat(EnIntervals.day(KEY_INTERVAL).toString()).isEqualTo("2020-04-02");
        assertThat(EnIntervals.startOfDay(EnIntervals.day(KEY_INTERVAL + 143))).isEqualTo(KEY_INTERVAL);
    }
}
