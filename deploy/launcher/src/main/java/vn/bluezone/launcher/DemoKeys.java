package vn.bluezone.launcher;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.StringJoiner;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;

/**
 * {@code ./bluezone demo-keys}: what two phones would hold after 30 minutes side by side yesterday
 * at noon UTC, as shell variables for the README walkthrough: the F0's daily key, and the F1's
 * sightings of the RPIs that key broadcast.
 */
final class DemoKeys {

    private DemoKeys() {
    }

    static void print() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        int keyStart = EnIntervals.startOfDay(yesterday);
        byte[] tek = ExposureCrypto.newTemporaryExposureKey();
        byte[] rpik = ExposureCrypto.rollingProximityIdentifierKey(tek);
        Base64.Encoder base64 = Base64.getEncoder();
        StringJoiner sightings = new StringJoiner(",", "{\"sightings\":[", "]}");
        for (int interval = keyStart + 72; interval < keyStart + 75; interval++) {
            sightings.add("{\"rpi\":\"" + base64.encodeToString(ExposureCrypto.rollingProximityIdentifier(rpik, interval))
                    + "\",\"interval\":" + interval + ",\"durationSeconds\":600,\"attenuationDb\":50}");
        }
        System.out.println("export TEK='" + base64.encodeToString(tek) + "'");
        System.out.println("export KEY_START=" + keyStart);
        System.out.println("export TEST_DATE=" + yesterday.plusDays(1));
        System.out.println("export SIGHTINGS='" + sightings + "'");
    }
}
