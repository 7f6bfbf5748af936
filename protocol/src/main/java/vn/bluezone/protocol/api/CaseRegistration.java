package vn.bluezone.protocol.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;

/** {@code POST /api/v1/official/cases}: a confirmed positive case (F0). */
public record CaseRegistration(
        @NotNull LocalDate testDate,
        LocalDate symptomOnset,
        @NotNull @Pattern(regexp = "[0-9A-Za-z-]{1,16}", message = "must be a province code") String provinceCode) {
}
