package vn.bluezone.protocol.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A device polled its alerts on a UTC day: the raw material of adoption statistics (active devices),
 * and nothing more. The gateway sends one per device and day at most (per instance).
 */
public record DeviceActive(UUID deviceId, LocalDate day) {
}
