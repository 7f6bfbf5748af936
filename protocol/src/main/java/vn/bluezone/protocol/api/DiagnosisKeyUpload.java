package vn.bluezone.protocol.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/diagnosis-keys}: a verified phone's temporary exposure keys. */
public record DiagnosisKeyUpload(
        @NotBlank String uploadToken,
        @NotEmpty @Size(max = MAX_KEYS) List<@Valid @NotNull Key> keys) {

    public static final int MAX_KEYS = 15;

    public record Key(
            @NotNull @Size(min = 16, max = 16, message = "must be 16 bytes") byte[] key,
            @NotNull @Min(0) Integer rollingStartInterval,
            @NotNull @Min(1) @Max(144) Integer rollingPeriod) {
    }
}
