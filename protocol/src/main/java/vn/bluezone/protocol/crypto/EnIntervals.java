package vn.bluezone.protocol.crypto;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** ENIntervalNumber arithmetic: 10-minute intervals since the Unix epoch, 144 per UTC day. */
public final class EnIntervals {

    public static final int SECONDS_PER_INTERVAL = 600;
    public static final int INTERVALS_PER_DAY = 144;

    private EnIntervals() {
    }

    public static int of(Instant instant) {
        return Math.toIntExact(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_INTERVAL));
    }

    public static Instant start(int interval) {
        return Instant.ofEpochSecond((long) interval * SECONDS_PER_INTERVAL);
    }

    /** First interval of the given UTC day. */
    public static int startOfDay(LocalDate day) {
        return Math.toIntExact(day.toEpochDay() * INTERVALS_PER_DAY);
    }

    /** UTC day an interval falls on. */
    public static LocalDate day(int interval) {
        return LocalDate.ofEpochDay(Math.floorDiv(interval, INTERVALS_PER_DAY));
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
