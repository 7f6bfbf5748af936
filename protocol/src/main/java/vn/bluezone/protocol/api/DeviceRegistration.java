package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /api/v1/devices}. */
public record DeviceRegistration(
        @NotNull @Pattern(regexp = "android|ios|web", message = "must be android, ios or web") String platform,
        @Pattern(regexp = "[0-9A-Za-z-]{1,16}", message = "must be a province code") String provinceCode) {
}
