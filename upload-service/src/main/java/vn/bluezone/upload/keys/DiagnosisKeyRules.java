package vn.bluezone.upload.keys;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.bluezone.protocol.api.DiagnosisKeyUpload;
import vn.bluezone.protocol.crypto.EnIntervals;
import vn.bluezone.upload.UploadProperties;
import vn.bluezone.upload.support.Problems;

/** Rules a key set must pass before its upload token is spent. */
@Component
class DiagnosisKeyRules {

    private final UploadProperties properties;
    private final Clock clock;

    DiagnosisKeyRules(UploadProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    void check(List<DiagnosisKeyUpload.Key> keys) {
        int now = EnIntervals.of(clock.instant());
        int oldest = EnIntervals.startOfDay(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(properties.retentionDays()));
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            DiagnosisKeyUpload.Key key = keys.get(i);
            String name = "keys[" + i + "]";
            if (!seen.add(ByteBuffer.wrap(key.key()))) {
                throw Problems.badRequest(name + " is a duplicate");
            }
            if (key.rollingStartInterval() % EnIntervals.INTERVALS_PER_DAY != 0) {
                throw Problems.badRequest(name + ".rollingStartInterval must be a multiple of 144 (start of a UTC day)");
            }
            if (key.rollingStartInterval() > now) {
                throw Problems.badRequest(name + " is in the future");
            }
            if (key.rollingStartInterval() < oldest) {
                throw Problems.badRequest(name + " is older than the " + properties.retentionDays() + "-day retention");
            }
        }
    }
}
