package vn.bluezone.protocol.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A device polled its alerts on a day (of the statistics zone, Vietnam's): the raw material of adoption
 * statistics (active devices per province), and nothing more. The gateway sends one per device and day
 * at most (per instance). {@code provinceCode} is the one the device registered in, from its token;
 * null if it named none (or registered before tokens carried it).
 */
public record DeviceActive(UUID deviceId, LocalDate day, String provinceCode) {
}
