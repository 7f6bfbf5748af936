package vn.bluezone.protocol.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/sightings}: RPIs this phone heard. */
public record SightingBatch(@NotEmpty @Size(max = MAX_SIGHTINGS) List<@Valid @NotNull Sighting> sightings) {

    public static final int MAX_SIGHTINGS = 10_000;

    public record Sighting(
            @NotNull @Size(min = 16, max = 16, message = "must be 16 bytes") byte[] rpi,
            @NotNull @Min(0) Integer interval,
            @NotNull @Min(1) @Max(900) Integer durationSeconds,
            @NotNull @Min(0) @Max(255) Integer attenuationDb) {
    }
}
