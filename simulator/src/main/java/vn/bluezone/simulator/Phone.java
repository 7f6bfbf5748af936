package vn.bluezone.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.bluezone.protocol.api.SightingBatch;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.protocol.crypto.ExposureCrypto;

/** One simulated phone: its daily keys (and their RPIs), and the RPIs it heard. */
final class Phone {

    final int index;
    String deviceId;
    String token;
    /** The ETag of the last alert list this phone read: its polls are conditional, like the app's. */
    volatile String alertsEtag;
    private final Map<LocalDate, byte[]> keys = new HashMap<>();
    private final Map<LocalDate, byte[]> rpiks = new HashMap<>();
    /** What this phone heard, with who really broadcast it (the simulation's ground truth). */
    final List<Heard> heard = new ArrayList<>();

    record Heard(Phone broadcaster, SightingBatch.Sighting sighting) {
    }

    Phone(int index) {
        this.index = index;
    }

    /** A fresh random key per UTC day, as the EN framework rotates them. */
    byte[] keyOf(LocalDate day) {
        return keys.computeIfAbsent(day, d -> ExposureCrypto.newTemporaryExposureKey());
    }

    byte[] rpi(int interval) {
        LocalDate day = EnIntervals.day(interval);
        byte[] rpik = rpiks.computeIfAbsent(day, d -> ExposureCrypto.rollingProximityIdentifierKey(keyOf(d)));
        return ExposureCrypto.rollingProximityIdentifier(rpik, interval);
    }

    Map<LocalDate, byte[]> keys() {
        return keys;
    }
}
