package vn.bluezone.protocol.crypto;

import java.util.HexFormat;

/** Text form of a rolling proximity identifier, used as Kafka record key and state-store key. */
public final class Rpis {

    private static final HexFormat HEX = HexFormat.of();

    private Rpis() {
    }

    public static String toKey(byte[] rpi) {
        return HEX.formatHex(rpi);
    }
}
